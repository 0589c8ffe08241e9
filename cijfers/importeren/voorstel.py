"""Het importvoorstel: de geldige regels vergeleken met wat er nu in de database staat.

Elke regel is toegevoegd (nieuw), gewijzigd (ander aantal of andere status), ongewijzigd, of
afgewezen: een voorlopig cijfer vervangt nooit een definitief cijfer. Het voorstel is wat de
uploadpagina als voorbeeld toont en wat schrijven.voer_uit schrijft.
"""

import heapq
from collections import Counter
from dataclasses import dataclass, field

from cijfers.importeren.controle import Controle
from cijfers.importeren.fouten import Fout
from cijfers.importeren.maandsom import tegenspraken, tekst
from cijfers.importeren.plan import planbronnen
from cijfers.models import Bevolking, Bron, Cijfer, Import, Kerncijfers
from ivp.models import Gebied

SCHEIDINGSTEKENS = {",": "komma", ";": "puntkomma"}
# Zoveel jaarcijfers die niet kloppen met hun maanden noemt het voorbeeld; de rest als aantal.
MAX_TEGENSPRAKEN = 20


@dataclass
class Importvoorstel:
    """Wat een import zou doen, vergeleken met wat er nu in de database staat.

    `toegevoegd`: regels (CijferRegel of BevolkingRegel) die nieuw zijn; `gewijzigd`: paren
    (regel, bestaand), met bestaand = (pk, waarde, status, bron-id) van het Cijfer of
    (pk, inwoners, bron-id) van de Bevolking; `ongewijzigd`: het aantal regels dat er al precies
    zo staat; `fouten`: fouten die pas bij de vergelijking blijken (voorlopig over definitief,
    en een cijfer uit het plan zonder bevestiging); `plan`: paren (regel, bestaand) van cijfers
    uit het plan die het bestand verandert, met `planbronnen` {bron-id: titel}. Zonder
    controle.plan_bevestigd staan die bij de fouten, anders bij gewijzigd. `bron_blijft`:
    [(aantal, oude titel, titel uit het bestand)] voor ongewijzigde regels waarvan het bestand
    een andere bron noemt (zie `_noteer_bron`); `bronparen` telt daarvoor (oude bron-id,
    titel uit het bestand). `tegenspraken`: [maandsom.Tegenspraak], jaarcijfers die na de
    import niet gelijk zijn aan de som van hun twaalf maanden (een waarschuwing, geen fout).
    """

    controle: Controle
    toegevoegd: list = field(default_factory=list)
    gewijzigd: list = field(default_factory=list)
    ongewijzigd: int = 0
    fouten: list = field(default_factory=list)
    afgewezen_bij_vergelijking: int = 0
    plan: list = field(default_factory=list)
    planbronnen: dict = field(default_factory=dict)
    bron_blijft: list = field(default_factory=list)
    bronparen: Counter = field(default_factory=Counter, repr=False)
    tegenspraken: list = field(default_factory=list)

    @property
    def soort(self):
        """Het formaat van het bestand (Import.Soort)."""
        return self.controle.formaat.soort

    @property
    def afgewezen(self):
        """Rijen met een fout, bij de controle of bij de vergelijking."""
        return self.controle.afgewezen + self.afgewezen_bij_vergelijking

    @property
    def aantal_fouten(self):
        """Alle fouten, ook die niet bewaard zijn (boven controle.MAX_FOUTEN)."""
        return self.controle.aantal_fouten + len(self.fouten)

    @property
    def alle_fouten(self):
        """De bewaarde fouten, op rij en dan kolom (fouten van het hele bestand eerst)."""
        return sorted(
            self.controle.fouten + self.fouten, key=lambda fout: (fout.rij or 0, fout.kolom)
        )

    @property
    def overgeslagen(self):
        """Het aantal overgeslagen rijen (alle redenen samen)."""
        return sum(self.controle.overgeslagen.values())

    @property
    def te_schrijven(self):
        """Het aantal regels dat geschreven wordt: toegevoegd en gewijzigd."""
        return len(self.toegevoegd) + len(self.gewijzigd)

    def tellingen(self):
        """De vijf tellingen, met de namen van de velden van Import."""
        return {
            "toegevoegd": len(self.toegevoegd),
            "gewijzigd": len(self.gewijzigd),
            "ongewijzigd": self.ongewijzigd,
            "afgewezen": self.afgewezen,
            "overgeslagen": self.overgeslagen,
        }

    def samenvatting(self, max_fouten=200, max_wijzigingen=50):
        """Alles wat het voorbeeld toont, als JSON-vriendelijk dict (Import.voorbeeld).

        Sleutels: soort, codering, scheidingsteken ("komma", "puntkomma" of ""), rijen, de vijf
        tellingen, aantal_fouten, fouten ([rij, kolom, waarde, reden], hoogstens max_fouten),
        overgeslagen_redenen ([reden, aantal], de twintig meeste), wijzigingen (oud en nieuw,
        hoogstens max_wijzigingen), plan (elk cijfer uit het plan dat verandert, met beide
        waarden en de bron van het plan, hoogstens max_fouten), aantal_plan, plan_bevestigd,
        per_gebied (toegevoegd, gewijzigd, van en tot jaar, jaren als tekst), nieuwe_gebieden en
        nieuwe_categorieen (aantallen: gebieden en soorten misdrijf die het bestand noemt en
        die het dashboard nog niet kent; ze worden pas bij het schrijven gemaakt, schrijven.py),
        bestaand_per_gebied (per gemeente of basisteam: hoeveel bestaande cijfers het bestand
        verandert, zie `bestaand_per_gebied`), bron_blijft ([aantal, oude bron, bron uit het
        bestand] van ongewijzigde cijfers waarvan het bestand een andere bron noemt, hoogstens
        twintig), jaar_maanden (de waarschuwingen van `jaar_maanden`, hoogstens
        MAX_TEGENSPRAKEN), aantal_jaar_maanden (allemaal) en jaar_maanden_meer (niet getoond).
        """
        namen = self.controle.namen
        jaar_maanden = self.jaar_maanden()
        per_gebied = _per_gebied(self.toegevoegd, [regel for regel, _ in self.gewijzigd])
        return {
            "soort": self.soort,
            "codering": self.controle.codering,
            "scheidingsteken": SCHEIDINGSTEKENS.get(self.controle.scheidingsteken, ""),
            "rijen": self.controle.rijen,
            **self.tellingen(),
            "aantal_fouten": self.aantal_fouten,
            "fouten": [fout.als_lijst() for fout in self.alle_fouten[:max_fouten]],
            "overgeslagen_redenen": self.controle.overgeslagen.most_common(20),
            "wijzigingen": [
                self._wijziging(regel, bestaand)
                for regel, bestaand in self.gewijzigd[:max_wijzigingen]
            ],
            "plan": [
                {**self._wijziging(regel, bestaand), "bron": self.planbronnen[bestaand[3]]}
                for regel, bestaand in self.plan[:max_fouten]
            ],
            "aantal_plan": len(self.plan),
            "plan_bevestigd": self.controle.plan_bevestigd,
            "nieuwe_gebieden": len(namen.nieuwe_gebieden),
            "nieuwe_categorieen": len(namen.nieuwe_soorten),
            "bestaand_per_gebied": self.bestaand_per_gebied(per_gebied),
            "bron_blijft": [list(rij) for rij in self.bron_blijft[:20]],
            "jaar_maanden": jaar_maanden,
            "aantal_jaar_maanden": len(self.tegenspraken),
            "jaar_maanden_meer": len(self.tegenspraken) - len(jaar_maanden),
            "per_gebied": [
                {"gebied": namen.gebied_naam[gebied], "slug": namen.gebied_slug[gebied], **tellers}
                for gebied, tellers in sorted(
                    per_gebied.items(), key=lambda paar: namen.gebied_naam[paar[0]]
                )
            ],
        }

    def jaar_maanden(self, hoogstens=MAX_TEGENSPRAKEN):
        """De waarschuwingen (tekst, maandsom.tekst) van de eerste `hoogstens` tegenspraken, op
        naam van het gebied, dan van de categorie, dan op jaar: "Baarn, Woninginbraak 2024:
        jaarcijfer 41, maar de twaalf maanden tellen op tot 120. ..." """
        namen = self.controle.namen
        # De eerste `hoogstens` zonder alles te sorteren (een landelijk bestand kan er veel geven).
        gesorteerd = heapq.nsmallest(
            hoogstens,
            self.tegenspraken,
            key=lambda t: (namen.gebied_naam[t.gebied], namen.categorie_naam[t.categorie], t.jaar),
        )
        return [
            tekst(t, namen.gebied_naam[t.gebied], namen.categorie_naam[t.categorie])
            for t in gesorteerd
        ]

    def bestaand_per_gebied(self, per_gebied=None):
        """[{"id", "gebied", "aantal", "nieuw"}]: per gemeente of basisteam (op naam) hoeveel
        cijfers die er al staan dit bestand verandert (`aantal`): de gewijzigde, en de cijfers
        uit het plan die het zou herzien (ook als die nog niet bevestigd zijn). Voor de
        waarschuwing dat een bestand de cijfers van een andere gemeente dan de eigen verandert
        (proefgebruiker, punt 10); wie dat mag, verandert hierdoor niet. Referentiegebieden
        (wijken, buurten, het land) tellen niet mee; een andere gemeente uit een landelijk
        bestand wel. `nieuw`: hoeveel cijfers het bestand aan diezelfde gemeente toevoegt, uit
        `per_gebied` (_per_gebied; zonder: 0), zodat de waarschuwing die apart kan noemen
        (proefgebruiker, punt 18)."""
        namen = self.controle.namen
        regels = [regel for regel, _ in self.gewijzigd]
        if not self.controle.plan_bevestigd:
            regels += [regel for regel, _ in self.plan]
        soorten = {Gebied.Soort.GEMEENTE, Gebied.Soort.BASISTEAM}
        telling = Counter(
            regel.gebied for regel in regels if namen.gebied_soort.get(regel.gebied) in soorten
        )
        return [
            {
                "id": gebied,
                "gebied": namen.gebied_naam[gebied],
                "aantal": aantal,
                "nieuw": (per_gebied or {}).get(gebied, {}).get("toegevoegd", 0),
            }
            for gebied, aantal in sorted(telling.items(), key=lambda p: namen.gebied_naam[p[0]])
        ]

    def _wijziging(self, regel, bestaand):
        namen = self.controle.namen
        if self.soort == Import.Soort.BEVOLKING:
            oud, nieuw = str(bestaand[1]), str(regel.inwoners)
            wat, periode = "inwoners", str(regel.jaar)
        elif self.soort == Import.Soort.KERNCIJFERS:
            oud, nieuw = _kerntekst(*bestaand[1:4]), _kerntekst(*regel[3:6])
            wat, periode = "kerncijfers", str(regel.jaar)
        else:
            oud = weergave(bestaand[1], bestaand[2])
            nieuw = weergave(regel.waarde, regel.status)
            wat, periode = namen.categorie_naam[regel.categorie], regel.periode
        return {
            "rij": regel.rij,
            "gebied": namen.gebied_naam[regel.gebied],
            "wat": wat,
            "periode": periode,
            "oud": oud,
            "nieuw": nieuw,
        }


def _per_gebied(toegevoegd, gewijzigd):
    """Per gebied: aantal toegevoegd en gewijzigd, het eerste en laatste jaar, en `jaren`: de
    jaren die echt geschreven worden als tekst ("2023, 2025", "2019-2023"; _jarentekst). Zo
    zegt een gebied met 2023-2025 waarvan 2024 is afgewezen niet "2023-2025" (proefgebruiker,
    punt 16)."""
    per_gebied, jaren = {}, {}
    for wat, regels in (("toegevoegd", toegevoegd), ("gewijzigd", gewijzigd)):
        for gebied, aantal in Counter(regel.gebied for regel in regels).items():
            tellers = per_gebied.setdefault(gebied, {"toegevoegd": 0, "gewijzigd": 0})
            tellers[wat] = aantal
        for gebied, jaar in {(regel.gebied, regel.jaar) for regel in regels}:
            tellers = per_gebied[gebied]
            tellers["van"] = min(tellers.get("van", jaar), jaar)
            tellers["tot"] = max(tellers.get("tot", jaar), jaar)
            jaren.setdefault(gebied, set()).add(jaar)
    for gebied, tellers in per_gebied.items():
        tellers["jaren"] = _jarentekst(jaren[gebied])
    return per_gebied


def _jarentekst(jaren):
    """{2019, 2020, 2021, 2023} -> "2019-2021, 2023": opeenvolgende jaren als één reeks."""
    reeksen = []
    for jaar in sorted(jaren):
        if reeksen and jaar == reeksen[-1][1] + 1:
            reeksen[-1][1] = jaar
        else:
            reeksen.append([jaar, jaar])
    return ", ".join(f"{van}" if van == tot else f"{van}-{tot}" for van, tot in reeksen)


def buiten_eigen_gemeenten(voorbeeld, gemeente_ids, eigen=True, wie=""):
    """De waarschuwing boven het bevestigen als het voorbeeld (Import.voorbeeld) bestaande
    cijfers verandert van gemeenten (of een basisteam) buiten `gemeente_ids` (de gemeenten in
    het profiel van wie het bestand uploadde), of None. `eigen`: de lezer is die gebruiker
    ("uw gemeente"), anders heet hij `wie`. "Dit bestand wijzigt 1 bestaand cijfer van
    Soest, niet uw gemeente." of "Dit bestand wijzigt 3 bestaande cijfers buiten uw
    gemeenten: Eemnes (1) en Soest (2)." De getallen zijn alleen de bestaande cijfers die
    veranderen (proefgebruiker, punt 18); voegt het bestand voor diezelfde gemeenten ook nieuwe
    cijfers toe, dan volgt "; daar komen ook 4 nieuwe cijfers bij." Alleen nieuwe cijfers
    geven geen waarschuwing. Een voorbeeld van voor deze waarschuwing heeft geen
    bestaand_per_gebied: None."""
    buiten = [
        (rij["gebied"], rij["aantal"], rij.get("nieuw", 0))
        for rij in voorbeeld.get("bestaand_per_gebied", [])
        if rij["id"] not in gemeente_ids
    ]
    if not buiten:
        return None
    totaal = sum(aantal for _, aantal, _ in buiten)
    cijfers = "1 bestaand cijfer" if totaal == 1 else f"{totaal} bestaande cijfers"
    nieuw = sum(nieuw for _, _, nieuw in buiten)
    erbij = ""
    if nieuw:
        erbij = (
            "; daar komt ook 1 nieuw cijfer bij"
            if nieuw == 1
            else (f"; daar komen ook {nieuw} nieuwe cijfers bij")
        )
    if len(buiten) == 1:
        niet = "niet uw gemeente" if eigen else f"geen gemeente van {wie}"
        return f"Dit bestand wijzigt {cijfers} van {buiten[0][0]}, {niet}{erbij}."
    delen = [f"{naam} ({aantal})" for naam, aantal, _ in buiten[:MAX_GEMEENTEN]]
    if len(buiten) > MAX_GEMEENTEN:
        delen.append(f"{len(buiten) - MAX_GEMEENTEN} andere")
    opsomming = delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} en {delen[-1]}"
    buiten_wie = "uw gemeenten" if eigen else f"de gemeenten van {wie}"
    return f"Dit bestand wijzigt {cijfers} buiten {buiten_wie}: {opsomming}{erbij}."


MAX_GEMEENTEN = 10  # zoveel gebieden noemt de waarschuwing bij naam, de rest als aantal


def weergave(waarde, status):
    """Een cijfer zoals het dashboard het toont: 'x' als het geheim is, '12*' als voorlopig."""
    if waarde is None:
        return "x"
    return f"{waarde}*" if status == Cijfer.Status.VOORLOPIG else str(waarde)


def maak_voorstel(controle):
    """Controle -> Importvoorstel: vergelijkt de geldige regels met de database (één query)."""
    voorstel = Importvoorstel(controle)
    if not controle.regels:
        return voorstel
    if controle.formaat.soort == Import.Soort.BEVOLKING:
        _vergelijk_inwoners(voorstel, controle.regels)
    elif controle.formaat.soort == Import.Soort.KERNCIJFERS:
        _vergelijk_kerncijfers(voorstel, controle.regels)
    else:
        _vergelijk_cijfers(voorstel, controle.regels)
    _noem_bronnen(voorstel)
    return voorstel


def _noteer_bron(voorstel, regel, bron_id):
    """Een ongewijzigde regel (zelfde aantal en status): noemt het bestand zelf een bron
    (regel.bron), dan onthoudt het voorstel die naast de bron die er al staat.

    Zo'n regel blijft ongewijzigd en de bron die er staat blijft (proefgebruiker, punt 11): het
    aantal is hetzelfde, dus er verandert geen cijfer, en de eerste vindplaats blijft de
    vindplaats; een tweede bestand met dezelfde aantallen bevestigt het cijfer alleen. Een
    bron als wijziging tellen zou bovendien elk opnieuw geïmporteerd bestand zonder
    bronkolom (bron "Import 7: ...") geheel "gewijzigd" maken. Het voorbeeld zegt het wel."""
    if regel.bron is not None and bron_id is not None:
        voorstel.bronparen[(bron_id, regel.bron)] += 1


def _noem_bronnen(voorstel):
    """Vult voorstel.bron_blijft uit _noteer_bron: alleen waar de titel echt anders is
    (één query op de bronnen, alleen als er ongewijzigde regels met een bron zijn)."""
    paren = voorstel.bronparen
    if not paren:
        return
    titels = Bron.objects.in_bulk({bron_id for bron_id, _ in paren})
    voorstel.bron_blijft = sorted(
        (aantal, str(titels[bron_id]), nieuw)
        for (bron_id, nieuw), aantal in paren.items()
        if bron_id in titels and titels[bron_id].titel != nieuw
    )


def _vergelijk_inwoners(voorstel, regels):
    bestaand = {
        (gebied, jaar): (pk, inwoners, bron)
        for pk, gebied, jaar, inwoners, bron in Bevolking.objects.filter(
            gebied__in={regel.gebied for regel in regels},
            jaar__in={regel.jaar for regel in regels},
        )
        .order_by()
        .values_list("pk", "gebied_id", "jaar", "inwoners", "bron_id")
    }
    for regel in regels:
        oud = bestaand.get((regel.gebied, regel.jaar))
        if oud is None:
            voorstel.toegevoegd.append(regel)
        elif oud[1] == regel.inwoners:
            voorstel.ongewijzigd += 1
            _noteer_bron(voorstel, regel, oud[2])
        else:
            voorstel.gewijzigd.append((regel, oud))


def _kerntekst(inwoners, dichtheid, stedelijkheid):
    """De kerncijfers van een gebied als korte tekst voor het voorbeeld ('.' ontbreekt)."""
    return "; ".join(
        f"{naam} {'.' if waarde is None else waarde}"
        for naam, waarde in (
            ("inwoners", inwoners),
            ("dichtheid", dichtheid),
            ("stedelijkheid", stedelijkheid),
        )
    )


def _vergelijk_kerncijfers(voorstel, regels):
    """Als _vergelijk_inwoners, voor Kerncijfers (één query); bestaand is (pk, inwoners,
    adressendichtheid, stedelijkheid, bron-id). Een regel met een naam (Gemeentenaam) geeft
    een gemeente die nog alleen haar code als naam heeft die naam (Namen.noem)."""
    namen = voorstel.controle.namen
    for regel in regels:
        if regel.naam:
            namen.noem(regel.gebied, regel.naam)
    bestaand = {
        (gebied, jaar): (pk, inwoners, dichtheid, stedelijkheid, bron)
        for pk, gebied, jaar, inwoners, dichtheid, stedelijkheid, bron in Kerncijfers.objects.filter(
            gebied__in={regel.gebied for regel in regels},
            jaar__in={regel.jaar for regel in regels},
        )
        .order_by()
        .values_list(
            "pk", "gebied_id", "jaar", "inwoners", "adressendichtheid", "stedelijkheid", "bron_id"
        )
    }
    for regel in regels:
        oud = bestaand.get((regel.gebied, regel.jaar))
        if oud is None:
            voorstel.toegevoegd.append(regel)
        elif oud[1:4] == (regel.inwoners, regel.adressendichtheid, regel.stedelijkheid):
            voorstel.ongewijzigd += 1
            _noteer_bron(voorstel, regel, oud[4])
        else:
            voorstel.gewijzigd.append((regel, oud))


def _bestaande_cijfers(regels):
    """(gebied, categorie, jaar, periode) -> (pk, waarde, status, bron-id), in één query."""
    return {
        (gebied, categorie, jaar, periode): (pk, waarde, status, bron)
        for pk, gebied, categorie, jaar, periode, waarde, status, bron in Cijfer.objects.filter(
            gebied__in={regel.gebied for regel in regels},
            categorie__in={regel.categorie for regel in regels},
            jaar__in={regel.jaar for regel in regels},
        )
        .order_by()  # zonder de standaardvolgorde: geen joins, geen sortering
        .values_list(
            "pk", "gebied_id", "categorie_id", "jaar", "periode", "waarde", "status", "bron_id"
        )
        .iterator(chunk_size=10_000)
    }


def _vergelijk_cijfers(voorstel, regels):
    bestaand = _bestaande_cijfers(regels)
    if not bestaand:
        voorstel.toegevoegd = regels
    else:
        _vergelijk_met_bestaand(voorstel, regels, bestaand)
    # Na de vergelijking: welke regels de import schrijft, zegt welke waarde er komt te staan.
    voorstel.tegenspraken = tegenspraken(regels, bestaand, {fout.rij for fout in voorstel.fouten})


def _vergelijk_met_bestaand(voorstel, regels, bestaand):
    definitief, voorlopig = Cijfer.Status.DEFINITIEF, Cijfer.Status.VOORLOPIG
    namen = voorstel.controle.formaat.namen
    kolom = namen.get("waarde") or namen.get("aantal")
    uit_plan = planbronnen()
    voorstel.planbronnen = uit_plan
    for regel in regels:
        oud = bestaand.get(regel[1:5])
        if oud is None:
            voorstel.toegevoegd.append(regel)
        elif oud[1] == regel.waarde and oud[2] == regel.status:
            voorstel.ongewijzigd += 1
            _noteer_bron(voorstel, regel, oud[3])
        elif oud[2] == definitief and regel.status == voorlopig:
            if oud[1] == regel.waarde:
                voorstel.ongewijzigd += 1
                _noteer_bron(voorstel, regel, oud[3])
                continue
            voorstel.afgewezen_bij_vergelijking += 1
            voorstel.fouten.append(
                Fout(
                    regel.rij,
                    kolom,
                    _celtekst(regel),
                    f"Er staat al een definitief cijfer ({oud[1]}); dit cijfer is volgens het "
                    "bestand voorlopig, en een voorlopig cijfer vervangt geen definitief cijfer.",
                )
            )
        elif oud[3] in uit_plan:
            _plancijfer(voorstel, regel, oud, kolom)
        else:
            voorstel.gewijzigd.append((regel, oud))


def _celtekst(regel):
    """Het aantal zoals in de cel van het bestand, voor de kolom Waarde bij een afgewezen
    rij: "38", niet "38*" (de ster van een voorlopig cijfer staat in de periode, 2024**, of
    in de kolom status; proefgebruiker, punt 16). Een geheim cijfer: een lege cel."""
    return "" if regel.waarde is None else str(regel.waarde)


def _plancijfer(voorstel, regel, oud, kolom):
    """Een cijfer uit het plan dat het bestand verandert: gewijzigd als de gebruiker dat
    bevestigd heeft, anders een fout met beide waarden (er wordt niets stil overschreven)."""
    voorstel.plan.append((regel, oud))
    if voorstel.controle.plan_bevestigd:
        voorstel.gewijzigd.append((regel, oud))
        return
    voorstel.afgewezen_bij_vergelijking += 1
    voorstel.fouten.append(
        Fout(
            regel.rij,
            kolom,
            _celtekst(regel),
            f"Wijkt af van {voorstel.planbronnen[oud[3]]}: daar staat "
            f"{weergave(oud[1], oud[2])}. Een cijfer uit het plan wordt alleen herzien als u "
            "de afwijkingen van het plan bevestigt.",
        )
    )
