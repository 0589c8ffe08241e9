"""Instellingen van het IVP BES-dashboard.

Alles wat per omgeving verschilt komt uit de omgeving: DEBUG, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, CACHE_URL (en de HTTPS-instellingen voor productie).
Zonder DATABASE_URL draait het dashboard op SQLite in de projectmap, zonder CACHE_URL
met een cache in het geheugen van elk serverproces.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on", "ja"}:
        return True
    if value.lower() in {"0", "false", "no", "off", "nee"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is geen geldige waarde (gebruik 1 of 0).")


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

DEV_SECRET_KEY = "django-insecure-alleen-voor-ontwikkeling-niet-in-productie"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt. Zet SECRET_KEY in de omgeving "
            "(of DEBUG=1 voor ontwikkeling op deze machine)."
        )
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY is niet geschikt voor productie: gebruik minstens 50 willekeurige tekens."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "bootstrap",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ivp",
    "prioriteiten",
    "cijfers",
    "vergaderingen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "ivp.invoer.GeenNulteken",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML gecomprimeerd (79 kB wordt 8 kB); statische bestanden comprimeert whitenoise vooraf en
    # serveert het zelf, vóór deze regel. BREACH (zie Django's documentatie bij GZipMiddleware)
    # raakt hier geen geheim: het CSRF-token wordt per response gemaskeerd en Django voegt
    # willekeurige bytes aan de gzip-kop toe (Heal The Breach).
    "django.middleware.gzip.GZipMiddleware",
    "ivp.paginacache.AnoniemePaginacache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Als laatste: beantwoordt een geblokkeerde inlogpoging met de blokkadepagina.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ivp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ivp.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}


def cache_uit_omgeving(url):
    """De instelling CACHES voor een cache-URL uit de omgeving (CACHE_URL).

    Leeg: Django's LocMemCache (per serverproces). `redis://host:poort/db`, `rediss://...` of
    `unix://...`: Django's ingebouwde RedisCache, gedeeld door alle processen en machines.
    ImproperlyConfigured bij een ander schema.
    """
    if not url:
        # Ruimer dan Django's standaard (300): pagina's en onderdelen per gegevensversie.
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 1000},
            }
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"CACHE_URL={url!r} wordt niet ondersteund: gebruik redis://host:6379/0 of laat hem leeg."
        )
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


CACHES = cache_uit_omgeving(os.environ.get("CACHE_URL", ""))
# Anonieme pagina's uit de cache, per gegevensversie: nooit verouderd (ivp/paginacache.py);
# standaard aan in productie, uit bij DEBUG (een gewijzigde template verhoogt de versie niet);
# PAGINACACHE=0/1 beslist zelf. De dure onderdelen van de gebiedspagina's en het vergaderstuk
# per gegevensversie, voor iedereen (ivp/gegevensversie.py per_versie); ONDERDELENCACHE=0 zet
# die uit. Bij elke uitrol `migrate`: dat verhoogt de versie (post_migrate), zodat niets van de
# vorige code uit een gedeelde Redis komt.
PAGINACACHE = env_bool("PAGINACACHE", default=not DEBUG)
ONDERDELENCACHE = env_bool("ONDERDELENCACHE", default=True)

# Taken buiten het verzoek (een bevestigde import, het ophalen bij het CBS): django-tasks met
# de databasebackend van django-tasks-db; de worker is `manage.py db_worker` (README
# "Productie"; `make run` start hem naast de server). De tests voeren taken meteen uit.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# De grenzen van een import (README "Importeren"); zonder deze variabelen gelden die van
# cijfers/importeren/lezen.py en controle.py (ruim genoeg voor het landelijke maandbestand).
if os.environ.get("CIJFERS_IMPORT_MAX_RIJEN"):
    CIJFERS_IMPORT_MAX_RIJEN = int(os.environ["CIJFERS_IMPORT_MAX_RIJEN"])
if os.environ.get("CIJFERS_IMPORT_MAX_MB"):
    CIJFERS_IMPORT_MAX_BYTES = int(os.environ["CIJFERS_IMPORT_MAX_MB"]) * 1024 * 1024

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# De headless Chromium die het vergaderstuk als PDF drukt (vergaderingen/pdf.py).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Een rem op mislukte inlogpogingen (django-axes), ook voor het beheer: na 5 mislukte
# pogingen is die gebruikersnaam, en los daarvan dat IP-adres, 15 minuten geblokkeerd. De
# pogingen staan in de database, dus de telling geldt over alle serverprocessen heen.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
# Vertalingen die Django en de beheerpakketten (axes, simple_history) in het Nederlands missen;
# gaan voor die van de pakketten (locale/nl/LC_MESSAGES/*.po, de .mo ernaast meegeleverd).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Met DEBUG uit (productie, gunicorn): namen met hash, vooraf gecomprimeerd (collectstatic), en
# whitenoise serveert een bestand met hash in zijn naam (de manifest-test van de middleware) met
# Cache-Control "max-age=315360000, public, immutable" (tien jaar): een tweede bezoek haalt alleen
# de HTML. Met DEBUG aan serveert whitenoise ook onder runserver (whitenoise.runserver_nostatic),
# zonder hash en zonder cache; gemeten wordt daarom onder gunicorn (make bench-grafieken).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Productie: HTTPS en veilige cookies zodra DEBUG uit staat (achter een proxy
# die HTTPS afhandelt zet je SECURE_PROXY_SSL_HEADER via HTTPS_PROXY_HEADER=1).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("HTTPS_PROXY_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, stijlen, lettertypen en verbindingen alleen van
# de eigen site; geen inline script. Eén uitzondering: het vergaderstuk zet kop en voet van de
# afgedrukte pagina in een <style> met een nonce per verzoek (NONCE komt alleen in de kop als een
# template request.csp_nonce gebruikt). plotly.js injecteert geen <style>: static/css/plotly.css bevat
# zijn regels, templates/cijfers/_plotlystijl.html de markers (zie scripts/plotly_css.py).
# img-src data: is voor Bootstrap's CSS (de vinkjes van aangevinkte vakjes zijn data:-SVG's), blob:
# voor de PNG-download van plotly (Plotly.toImage laadt de SVG als blob:-URL in een <img>).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
