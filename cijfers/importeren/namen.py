"""Namen uit de database, opgezocht zoals een bestand ze schrijft (hoofdletters en spaties vrij)."""

from cijfers.models import Categorie, PolitieCategorie
from ivp.models import Gebied


def normaliseer(tekst):
    """De vorm waarin namen vergeleken worden: kleine letters, één spatie tussen de woorden."""
    return " ".join(tekst.split()).casefold()


class Namen:
    """Gebieden, categorieën en soorten misdrijf, opgezocht zoals een bestand ze noemt.

    Alle sleutels zijn genormaliseerd (`normaliseer`). Vier queries, één keer per bestand:

    - `gebied`: slug, naam, CBS-code of "naam (gemeente)" -> id van het Gebied;
      `gebied_naam`, `gebied_slug`, `gebied_soort`: id -> naam, slug, Gebied.Soort;
    - `cbs_code`: CBS-code in hoofdletters (GM0308) -> id van het Gebied;
    - `categorie`: slug of naam -> id van de Categorie; `categorie_naam`: id -> naam;
      `eenheid`: id -> de toegestane schrijfwijzen van de eenheid (code en label);
    - `soort_misdrijf`: code, titel of "code titel" -> (code, titel, id van de gekoppelde
      categorie of None).
    """

    def __init__(self):
        self._lees_gebieden()
        self._lees_categorieen()
        self.soort_misdrijf = {}
        for soort in PolitieCategorie.objects.all():
            waarde = (soort.code, soort.naam, soort.categorie_id)
            for sleutel in (soort.code, soort.naam, f"{soort.code} {soort.naam}"):
                self.soort_misdrijf.setdefault(normaliseer(sleutel), waarde)

    def _lees_gebieden(self):
        self.gebied, self.gebied_naam, self.gebied_slug, self.gebied_soort = {}, {}, {}, {}
        for gebied in Gebied.objects.all():
            for sleutel in (gebied.slug, gebied.naam, gebied.cbs_code):
                if sleutel:
                    self.gebied.setdefault(normaliseer(sleutel), gebied.pk)
            self.gebied.setdefault(normaliseer(f"{gebied.naam} (gemeente)"), gebied.pk)
            self.gebied_naam[gebied.pk] = gebied.naam
            self.gebied_slug[gebied.pk] = gebied.slug
            self.gebied_soort[gebied.pk] = gebied.soort
        self.cbs_code = {
            code.upper(): pk
            for code, pk in Gebied.objects.exclude(cbs_code="").values_list("cbs_code", "pk")
        }

    def _lees_categorieen(self):
        self.categorie, self.categorie_naam, self.eenheid = {}, {}, {}
        for categorie in Categorie.objects.all():
            self.categorie.setdefault(normaliseer(categorie.slug), categorie.pk)
            self.categorie.setdefault(normaliseer(categorie.naam), categorie.pk)
            self.categorie_naam[categorie.pk] = categorie.naam
            self.eenheid[categorie.pk] = {
                normaliseer(categorie.eenheid),
                normaliseer(categorie.get_eenheid_display()),
            }
