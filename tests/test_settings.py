"""Productie-instellingen: geen start zonder echte SECRET_KEY, check --deploy schoon."""

import gc
import os
import runpy
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
# Wat de testomgeving zelf zet, hoort niet in een productiestart.
UITGESLOTEN = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
SLEUTEL = "p" * 10 + "-een-lange-willekeurige-sleutel-voor-de-test-0123456789"


def manage(*args, **env):
    omgeving = {k: v for k, v in os.environ.items() if k not in UITGESLOTEN}
    omgeving.update(env, DJANGO_SETTINGS_MODULE="ivp.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


class ProductieInstellingenTest(SimpleTestCase):
    def test_weigert_te_starten_zonder_secret_key(self):
        resultaat = manage("check", DEBUG="0")
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("SECRET_KEY ontbreekt", resultaat.stderr)

    def test_weigert_onveilige_secret_key(self):
        resultaat = manage("check", DEBUG="0", SECRET_KEY="django-insecure-kort")
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("niet geschikt voor productie", resultaat.stderr)

    def test_check_deploy_schoon(self):
        resultaat = manage(
            "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=SLEUTEL
        )
        self.assertEqual(resultaat.returncode, 0, resultaat.stdout + resultaat.stderr)
        self.assertIn("no issues", resultaat.stdout)

    def test_zonder_debug_in_de_omgeving_is_de_server_productie(self):
        # Zoals gunicorn ivp.wsgi start: geen DEBUG gezet, dan geen ontwikkelmodus.
        omgeving = {k: v for k, v in os.environ.items() if k not in UITGESLOTEN}
        omgeving["DJANGO_SETTINGS_MODULE"] = "ivp.settings"
        resultaat = subprocess.run(
            [sys.executable, "-c", "import ivp.wsgi"],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn("SECRET_KEY ontbreekt", resultaat.stderr)
        # manage.py daarentegen is ontwikkelgereedschap en werkt zonder DEBUG in de omgeving.
        resultaat = subprocess.run(
            [sys.executable, "manage.py", "check"], cwd=ROOT, env=omgeving, capture_output=True,
            text=True, timeout=120,
        )  # fmt: skip
        self.assertEqual(resultaat.returncode, 0, resultaat.stderr)


def instellingen(code, **env):
    """Voert code uit met ivp.settings in een eigen proces (met env erbij); het resultaat."""
    omgeving = {k: v for k, v in os.environ.items() if k not in UITGESLOTEN | {"CACHE_URL"}}
    omgeving.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="ivp.settings")
    code = "import django; django.setup()\nfrom django.conf import settings\n" + code
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=omgeving, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def redis_bereikbaar(host="127.0.0.1", poort=6379):
    try:
        socket.create_connection((host, poort), timeout=1).close()
        return True
    except OSError:
        return False


class CacheInstellingenTest(SimpleTestCase):
    def test_zonder_cache_url_locmem(self):
        resultaat = instellingen("print(settings.CACHES['default']['BACKEND'])")
        self.assertEqual(resultaat.returncode, 0, resultaat.stderr)
        self.assertEqual(resultaat.stdout.strip(), "django.core.cache.backends.locmem.LocMemCache")

    def test_cache_url_kiest_redis(self):
        resultaat = instellingen(
            "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
            CACHE_URL="redis://cache.example.nl:6379/2",
        )
        self.assertEqual(resultaat.returncode, 0, resultaat.stderr)
        self.assertEqual(
            resultaat.stdout.split(),
            ["django.core.cache.backends.redis.RedisCache", "redis://cache.example.nl:6379/2"],
        )

    def test_onbekend_schema_weigert_te_starten(self):
        resultaat = instellingen("", CACHE_URL="memcached://127.0.0.1:11211")
        self.assertNotEqual(resultaat.returncode, 0)
        self.assertIn(
            "CACHE_URL='memcached://127.0.0.1:11211' wordt niet ondersteund", resultaat.stderr
        )

    def test_heen_en_terug_via_redis(self):
        if not redis_bereikbaar():
            self.skipTest("Redis op 127.0.0.1:6379 niet bereikbaar (apt-get install redis-server).")
        sleutel = f"ivp-test-{uuid.uuid4()}"
        resultaat = instellingen(
            "from django.core.cache import cache, caches\n"
            f"cache.set({sleutel!r}, {{'waarde': 1.5}}, 30)\n"
            f"print(cache.get({sleutel!r}), type(caches['default']).__name__)\n"
            f"cache.delete({sleutel!r}); print(cache.get({sleutel!r}))",
            CACHE_URL="redis://127.0.0.1:6379/0",
        )
        self.assertEqual(resultaat.returncode, 0, resultaat.stderr)
        self.assertEqual(resultaat.stdout.splitlines(), ["{'waarde': 1.5} RedisCache", "None"])


class GunicornInstellingenTest(SimpleTestCase):
    def lees(self, **env):
        with mock.patch.dict(os.environ, env, clear=False):
            if not env:
                os.environ.pop("WEB_CONCURRENCY", None)
            return runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    def test_werkprocessen_uit_web_concurrency(self):
        conf = self.lees(WEB_CONCURRENCY="5", GUNICORN_BIND="127.0.0.1:9000")
        self.assertEqual((conf["workers"], conf["bind"]), (5, "127.0.0.1:9000"))
        self.assertEqual(conf["wsgi_app"], "ivp.wsgi:application")

    def test_standaard_kernen_plus_een(self):
        conf = self.lees()
        self.assertEqual(conf["workers"], len(os.sched_getaffinity(0)) + 1)
        self.assertEqual(conf["standaard_werkprocessen"](2), 3)
        self.assertEqual(conf["standaard_werkprocessen"](1), 2)

    def test_werkproces_bevriest_de_geladen_objecten(self):
        """post_worker_init zet de objecten van de geladen app in de permanente generatie van
        de garbage collector (ivp/opstart.py): geen volledige collectie van ~100 ms meer langs
        Django, pandas en plotly midden in een verzoek."""
        conf = self.lees()
        self.assertEqual(gc.get_freeze_count(), 0)
        try:
            conf["post_worker_init"](worker=None)
            self.assertGreater(gc.get_freeze_count(), 10_000)
        finally:
            gc.unfreeze()
