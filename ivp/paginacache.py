"""Een korte paginacache voor anonieme bezoekers (aan met PAGINACACHE_SECONDEN, standaard uit).

Een raadslid of inwoner zonder inlog ziet dezelfde pagina als elke andere anonieme bezoeker;
onder belasting (README "Belasting") maakt het dashboard die pagina dan niet steeds opnieuw,
maar haalt hem PAGINACACHE_SECONDEN seconden lang uit Django's cache (met CACHE_URL de
gedeelde Redis). Daarna maakt precies één verzoek hem opnieuw (een slot in de cache) terwijl de
anderen nog de vorige krijgen: geen rij verzoeken die tegelijk dezelfde pagina maken. Een
wijziging is voor anonieme bezoekers dus pas na PAGINACACHE_SECONDEN plus de tijd om de pagina
te maken te zien; wie is ingelogd ziet altijd de actuele stand.

Alleen in de cache: een GET zonder cookies (behalve het CSRF-cookie), met antwoord 200, niet
gestreamd, zonder cookies in het antwoord en zonder CSP-nonce (het vergaderstuk). Geen
vermoeden van persoonlijke inhoud dus: een sessie- of berichtencookie slaat de cache over.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

VOORVOEGSEL = "ivp-paginacache"
SLOT_SECONDEN = 10  # zo lang mag één verzoek de pagina opnieuw maken voor een ander het probeert


class AnoniemePaginacache:
    """Middleware: beantwoordt anonieme GET-verzoeken uit de cache als PAGINACACHE_SECONDEN > 0.

    Staat in MIDDLEWARE na SecurityMiddleware en CSPMiddleware (die de HTTPS-doorverwijzing en
    de CSP-kop ook voor een antwoord uit de cache doen), na whitenoise (statische bestanden
    komen hier niet langs) en vóór de sessies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconden = getattr(settings, "PAGINACACHE_SECONDEN", 0)
        if not seconden or not self.anoniem_en_gewoon(request):
            return self.get_response(request)
        sleutel = self.sleutel(request)
        bewaard = cache.get(sleutel)  # (vers tot, als time.time(); het antwoord) of None
        if bewaard is not None:
            vers_tot, antwoord = bewaard
            if time.time() < vers_tot or not cache.add(f"{sleutel}:slot", 1, SLOT_SECONDEN):
                return antwoord
        antwoord = self.get_response(request)
        if self.bewaarbaar(request, antwoord):
            # Twee keer zo lang bewaard: de oude versie dient terwijl de nieuwe gemaakt wordt.
            cache.set(sleutel, (time.time() + seconden, antwoord), 2 * seconden + SLOT_SECONDEN)
        cache.delete(f"{sleutel}:slot")
        return antwoord

    @staticmethod
    def anoniem_en_gewoon(request):
        cookies = set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}
        return request.method == "GET" and not cookies

    @staticmethod
    def sleutel(request):
        """Schema, host, pad met querystring en de datum van vandaag (pagina's als /voortgang/
        rekenen met 'dit jaar'), als hash."""
        adres = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        inhoud = f"{adres}|{timezone.localdate().isoformat()}"
        return f"{VOORVOEGSEL}:{hashlib.sha256(inhoud.encode()).hexdigest()}"

    @staticmethod
    def bewaarbaar(request, antwoord):
        return (
            antwoord.status_code == 200
            and not antwoord.streaming
            and not antwoord.cookies
            and not getattr(request, "csp_nonce", None)  # alleen waar als de nonce is gebruikt
        )
