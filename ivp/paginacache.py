"""De paginacache voor anonieme bezoekers, per gegevensversie (aan met PAGINACACHE, standaard aan).

Een raadslid of inwoner zonder inlog ziet dezelfde pagina als elke andere anonieme bezoeker.
Die pagina hangt alleen af van de gegevens, het adres en de datum; de sleutel in Django's cache
(met CACHE_URL de gedeelde Redis) is daarom adres + datum + gegevensversie
(ivp/gegevensversie.py). Een wijziging, langs welke weg ook (site, beheer, import, fixtures),
verhoogt de versie in dezelfde transactie: het eerstvolgende verzoek leest de nieuwe versie,
vindt niets onder de nieuwe sleutel en maakt de pagina opnieuw. Een pagina uit de cache is dus
nooit verouderd; er is geen bewaartijd om op te wachten. Wie is ingelogd krijgt altijd een
verse pagina (wel met de onderdelencache van gegevensversie.per_versie).

Alleen in de cache: een GET zonder cookies (behalve het CSRF-cookie), met antwoord 200, niet
gestreamd, zonder cookies in het antwoord, zonder CSRF-token in de pagina en zonder CSP-nonce
(het vergaderstuk). Geen vermoeden van persoonlijke inhoud dus: een sessie- of berichtencookie
slaat de cache over.

Kosten: 1 query per anoniem verzoek (de versie), ook bij een treffer; daarna een cache-get.
Na een wijziging maakt elk werkproces dat de pagina tegelijk vraagt hem zelf (geen slot: een
slot zou de anderen de vorige, verouderde versie geven of laten wachten).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from ivp import gegevensversie

VOORVOEGSEL = "ivp-paginacache"
BEWAARTIJD = 60 * 60  # seconden; pagina's van een oude versie vraagt niemand meer


class AnoniemePaginacache:
    """Middleware: beantwoordt anonieme GET-verzoeken uit de cache als PAGINACACHE aan staat,
    en leest de gegevensversie hoogstens één keer per verzoek (gegevensversie.per_verzoek),
    ook als de cache uit staat of het verzoek niet anoniem is.

    Staat in MIDDLEWARE na SecurityMiddleware en CSPMiddleware (die de HTTPS-doorverwijzing en
    de CSP-kop ook voor een antwoord uit de cache doen), na whitenoise (statische bestanden
    komen hier niet langs) en vóór de sessies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with gegevensversie.per_verzoek():
            if not getattr(settings, "PAGINACACHE", False) or not self.anoniem_en_gewoon(request):
                return self.get_response(request)
            versie = gegevensversie.huidige()
            if versie is None:
                return self.get_response(request)
            sleutel = self.sleutel(request, versie)
            bewaard = cache.get(sleutel)
            if bewaard is not None:
                return bewaard
            antwoord = self.get_response(request)
            if self.bewaarbaar(request, antwoord):
                cache.set(sleutel, antwoord, BEWAARTIJD)
            return antwoord

    @staticmethod
    def anoniem_en_gewoon(request):
        cookies = set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
        return request.method == "GET" and not cookies

    @staticmethod
    def sleutel(request, versie):
        """Schema, host, pad met querystring, de datum van vandaag (pagina's als /voortgang/
        rekenen met 'dit jaar') en de gegevensversie, als hash."""
        adres = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        inhoud = f"{adres}|{timezone.localdate().isoformat()}|{versie}"
        return f"{VOORVOEGSEL}:{hashlib.sha256(inhoud.encode()).hexdigest()}"

    @staticmethod
    def bewaarbaar(request, antwoord):
        return (
            antwoord.status_code == 200
            and not antwoord.streaming
            and not antwoord.cookies
            # Een CSRF-token in de pagina hoort bij het cookie van deze bezoeker.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "csp_nonce", None)  # alleen waar als de nonce is gebruikt
        )
