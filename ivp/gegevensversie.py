"""De gegevensversie: één getal (met een willekeurige sleutel) dat verandert bij elke schrijfactie.

Wat het dashboard toont hangt alleen af van de database, de querystring en de datum. Een cache
die ook de gegevensversie in zijn sleutel heeft, is daarom nooit verouderd: na een wijziging
vraagt niemand de oude sleutel nog, en de nieuwe is leeg tot de eerste bezoeker hem vult. Zo
werken de paginacache voor anonieme bezoekers (ivp/paginacache.py) en de onderdelencache van
de dure paginabouwers (`per_versie`: de gebiedspagina, het basisteam, het vergaderstuk).

Wie verhoogt (`verhoog`), steeds binnen de transactie die schrijft:

- elke `post_save`, `post_delete` en `m2m_changed` van een model van ivp, cijfers, prioriteiten
  en vergaderingen (de site, het beheer, `loaddata`/`laad_brondata`; signalen van
  Django zelf, aangesloten in ivp/apps.py);
- de import (cijfers/importeren/schrijven.py `voer_uit`), die met COPY en bulk-SQL schrijft
  zonder signalen, en de twee bulkschrijvers van de politiesoorten (cijfers/politie.py);
- `migrate` (post_migrate): een datamigratie schrijft zonder signalen.

Waarom binnen de transactie: de verhoging (`UPDATE ... SET versie = versie + 1`) wordt
zichtbaar op precies hetzelfde moment als de gegevens (dezelfde commit). Een lezer leest eerst
de versie en daarna de gegevens (READ COMMITTED: elke query ziet de laatste commit). Leest hij
de nieuwe versie, dan ziet hij ook de nieuwe gegevens: een sleutel met de nieuwe versie krijgt
nooit oude gegevens. Leest hij nog de oude versie, dan bewaart hij wat hij maakt (oud of al
nieuw) onder de oude sleutel, en die vraagt na de commit niemand meer. Een teruggedraaide
transactie draait ook de verhoging terug; omdat elke verhoging een nieuwe willekeurige
`sleutel` zet, komt een eerder gebruikte versie met andere gegevens nooit terug (ook niet na
een rollback in de tests of een teruggezette back-up). Prijs: de rij is een slot, schrijvende
transacties wachten op elkaar tot de commit (het dashboard heeft weinig schrijvers; de import
verhoogt pas aan het eind van haar transactie, zodat het beheer alleen die laatste ogenblikken
wacht; lezers wachten nooit).

Wat hier niet langs komt, en dus niet mag: een `QuerySet.update()`, `bulk_create()` of eigen
SQL op die apps zonder `verhoog()` erbij (tests/test_gegevensversie.py zoekt ze).
"""

import contextlib
import contextvars
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F

APPS = frozenset({"ivp", "cijfers", "prioriteiten", "vergaderingen"})
VOORVOEGSEL = "ivp-onderdeel"
BEWAARTIJD = 60 * 60  # seconden; een oude versie vraagt niemand meer, zo ruimt de cache ze op

_ONTBREEKT = object()  # niet in de cache (None kan een bewaarde uitkomst zijn)

# Per verzoek één keer gelezen (de middleware zet de houder; `verhoog` leegt hem).
_verzoek = contextvars.ContextVar("gegevensversie_verzoek", default=None)


def _model():
    return apps.get_model("ivp", "Gegevensversie")


def lees(using=DEFAULT_DB_ALIAS):
    """De huidige versie als tekst "<versie>-<sleutel>" (1 query), of None als de rij ontbreekt
    (een net geleegde database): dan wordt er niets bewaard."""
    rij = _model().objects.using(using).filter(pk=1).values_list("versie", "sleutel").first()
    return None if rij is None else f"{rij[0]}-{rij[1]}"


def huidige():
    """De versie voor dit verzoek: binnen een verzoek (de middleware, `per_verzoek`) één keer
    gelezen en daarna onthouden, zodat alle onderdelen van één pagina dezelfde sleutel hebben;
    buiten een verzoek elke keer gelezen (1 query). None: zie `lees`."""
    houder = _verzoek.get()
    if houder is None:
        return lees()
    if "versie" not in houder:
        houder["versie"] = lees()
    return houder["versie"]


@contextlib.contextmanager
def per_verzoek():
    """Binnen dit blok leest `huidige` de versie hoogstens één keer (tot een `verhoog`)."""
    token = _verzoek.set({})
    try:
        yield
    finally:
        _verzoek.reset(token)


def verhoog(using=DEFAULT_DB_ALIAS):
    """Verhoogt de versie en zet een nieuwe sleutel, in de lopende transactie (1 query; 2 als de
    rij ontbrak). Roep dit aan binnen de transactie die schrijft, niet erna."""
    Gegevensversie = _model()
    sleutel = uuid.uuid4().hex
    bijgewerkt = (
        Gegevensversie.objects.using(using)
        .filter(pk=1)
        .update(versie=F("versie") + 1, sleutel=sleutel)
    )
    if not bijgewerkt:
        Gegevensversie.objects.using(using).get_or_create(
            pk=1, defaults={"versie": 1, "sleutel": sleutel}
        )
    houder = _verzoek.get()
    if houder is not None:
        houder.pop("versie", None)


def verhoog_voor(model, using=DEFAULT_DB_ALIAS):
    """`verhoog` na een bulkschrijfactie op `model`, behalve voor het model uit een migratie
    (apps.get_model in een datamigratie: de tabel van de versie bestaat dan misschien nog niet;
    post_migrate verhoogt na afloop)."""
    if _gevolgd(model):
        verhoog(using)


def _gevolgd(model):
    """Is `model` een echt (geregistreerd) model van een van de APPS, behalve de versie zelf?"""
    meta = getattr(model, "_meta", None)
    if meta is None or meta.app_label not in APPS or meta.model_name == "gegevensversie":
        return False
    try:
        return apps.get_model(meta.app_label, meta.model_name) is model
    except LookupError:
        return False


def na_schrijven(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Ontvanger van post_save en post_delete (ook bij `loaddata`, raw=True). Laadt `loaddata`
    de versie zelf (een dump met `--all`), dan meteen een nieuwe sleutel erop: een oude versie
    mag nooit terugkomen."""
    if _gevolgd(sender) or (kwargs.get("raw") and sender is _model()):
        verhoog(using)


def na_m2m(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    """Ontvanger van m2m_changed: alleen na het toevoegen, weghalen of leegmaken."""
    if action in {"post_add", "post_remove", "post_clear"} and _gevolgd(sender):
        verhoog(using)


def na_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Ontvanger van post_migrate (van ivp, één keer per migrate): als de tabel bestaat."""
    tabel = _model()._meta.db_table
    if tabel in connections[using].introspection.table_names():
        verhoog(using)


def per_versie(naam, argumenten, maak):
    """De uitkomst van `maak()` uit Django's cache, onder (naam, argumenten, gegevensversie).

    `naam` is de bouwer (bijv. "gebied.trendgrafieken"), `argumenten` een tuple van gewone
    waarden (getallen, teksten, tuples) die samen met de gegevens alles bepalen wat `maak`
    teruggeeft: wat `maak` verder leest moet uit de database komen. De uitkomst moet te picklen
    zijn. Met ONDERDELENCACHE uit, of zonder versie, gewoon `maak()`. Kost 1 query (de versie)
    als die in dit verzoek nog niet gelezen is.
    """
    if not getattr(settings, "ONDERDELENCACHE", True):
        return maak()
    versie = huidige()
    if versie is None:
        return maak()
    inhoud = repr((naam, argumenten, versie)).encode()
    sleutel = f"{VOORVOEGSEL}:{naam}:{hashlib.sha256(inhoud).hexdigest()}"
    bewaard = cache.get(sleutel, _ONTBREEKT)
    if bewaard is not _ONTBREEKT:
        return bewaard
    uitkomst = maak()
    cache.set(sleutel, uitkomst, BEWAARTIJD)
    return uitkomst
