"""Schrijven: een importvoorstel in één transactie naar de database, of niets.

Vlak voor het schrijven wordt opnieuw vergeleken, nu als enige import (PostgreSQL: een
advisory lock), zodat het voorstel klopt met wat er staat. Twee wegen, met dezelfde uitkomst:

- SQLite (en elke andere database): bulk_create/bulk_update met de geschiedenis van
  django-simple-history (bulk_create_with_history, bulk_update_with_history): correct, niet snel;
- PostgreSQL: COPY in een tijdelijke tabel, dan set-based: één INSERT ... SELECT voor de nieuwe
  cijfers en één UPDATE ... FROM voor de gewijzigde, elk met zijn geschiedenis in dezelfde
  opdracht (WITH ... RETURNING). De cijfertabel krijgt geen zwaarder slot dan ROW EXCLUSIVE:
  lezers wachten nooit op een import, ook niet op een van miljoenen rijen. De verwijzende
  sleutels controleert de import in één keer als de databasegebruiker
  session_replication_role mag zetten (_sleutels_in_een_keer); anders doet PostgreSQL het per
  rij bij de commit: dezelfde uitkomst, langzamer, met een waarschuwing in het log
  (ZONDER_RECHT, met de GRANT die het oplost).

Geschiedenis: elk nieuw en elk gewijzigd cijfer krijgt een regel geschiedenis (met de import
als reden). Het issue stond toe dat het importrecord de geschiedenis van de nieuwe cijfers
vervangt; dat is bewust niet gedaan, want het vergaderstuk "zoals het toen stond"
(vergaderingen/stuk.py, history.as_of) en de geschiedenispagina lezen die regels.
"""

import itertools
import logging

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cijfers import politie
from cijfers.importeren.voorstel import maak_voorstel
from cijfers.models import (
    Bevolking,
    Bron,
    Categorie,
    Cijfer,
    Import,
    Kerncijfers,
    PolitieCategorie,
)
from ivp import gegevensversie
from ivp.models import Gebied, referentiegebied

# Vanaf zoveel geschreven regels volgt na de commit een ANALYZE van de tabel.
ANALYZE_DREMPEL = 100_000
STAGING = "cijfers_import_regel"  # de tijdelijke tabel (ON COMMIT DROP) van _schrijf_postgresql
NULL = "\\N"  # NULL in de tekstvorm van COPY
VELDEN = "gebied_id, categorie_id, jaar, periode, waarde, status, bron_id"


class ImportGeweigerd(Exception):
    """Er zijn fouten en de gebruiker koos niet voor alleen de geldige rijen: niets geschreven.

    `voorstel` is het Importvoorstel met die fouten.
    """

    def __init__(self, voorstel):
        super().__init__(f"{voorstel.aantal_fouten} fouten; er is niets geïmporteerd.")
        self.voorstel = voorstel


class VeranderdSindsVoorbeeld(Exception):
    """De database veranderde tussen voorbeeld en bevestiging: eerst opnieuw bekijken.

    `voorstel` is het nieuwe Importvoorstel (voor een nieuw voorbeeld).
    """

    def __init__(self, voorstel):
        super().__init__("De gegevens zijn veranderd sinds het voorbeeld.")
        self.voorstel = voorstel


def _geen_voortgang(stap, gedaan, totaal):
    """Standaard voor `voortgang`: niets melden."""


def voer_uit(
    controle, import_, gebruiker=None, alleen_geldige=False, verwacht=None, voortgang=None
):
    """Vergelijkt opnieuw (nu als enige import) en schrijft alles in één transactie.

    Met fouten wordt er niets geschreven, tenzij `alleen_geldige` (anders ImportGeweigerd).
    `verwacht` zijn de tellingen van het voorbeeld dat de gebruiker zag; wijkt het nieuwe
    voorstel daarvan af, dan wordt er niets geschreven (VeranderdSindsVoorbeeld). Bewaart
    `import_` als uitgevoerd (met de tellingen, zonder het bestand) en geeft het
    Importvoorstel terug. `gebruiker` staat in de geschiedenis (None: het commando).

    `voortgang(stap, gedaan, totaal)`, als gegeven, hoort onderweg waar de import is: stap
    "vergelijken" (0 en daarna het aantal geldige regels), "klaarzetten" (regels in de
    tijdelijke tabel, PostgreSQL) en "schrijven" (regels in de cijfertabel; totaal is
    toegevoegd plus gewijzigd), en als laatste "klaar" (totaal, totaal) vlak vóór de commit.
    Ze wordt binnen de transactie aangeroepen: wat ze zelf in de database schrijft, gaat mee
    in dezelfde commit (of rollback).

    Lezers wachten nooit: op PostgreSQL krijgt de cijfertabel geen zwaarder slot dan ROW
    EXCLUSIVE (het slot van INSERT en UPDATE). Twee imports na elkaar wachten op elkaar via
    een advisory lock (_alleen_import).
    """
    voortgang = voortgang or _geen_voortgang
    tabel = {Import.Soort.BEVOLKING: Bevolking, Import.Soort.KERNCIJFERS: Kerncijfers}.get(
        controle.formaat.soort, Cijfer
    )
    with transaction.atomic():
        _alleen_import(tabel)
        voortgang("vergelijken", 0, len(controle.regels))
        voorstel = maak_voorstel(controle)
        voortgang("vergelijken", len(controle.regels), len(controle.regels))
        if voorstel.aantal_fouten and not alleen_geldige:
            raise ImportGeweigerd(voorstel)
        if verwacht is not None and voorstel.tellingen() != verwacht:
            raise VeranderdSindsVoorbeeld(voorstel)
        nu = timezone.now()
        if import_.pk is None:
            import_.save()
        bronnen = _bronnen(voorstel, import_, gebruiker, nu)
        maak_referenties(voorstel)
        totaal = voorstel.te_schrijven
        voortgang("schrijven", 0, totaal)
        if voorstel.soort == Import.Soort.BEVOLKING:
            _schrijf_per_gebied_en_jaar(Bevolking, ["inwoners"], voorstel, bronnen)
        elif voorstel.soort == Import.Soort.KERNCIJFERS:
            velden = ["inwoners", "adressendichtheid", "stedelijkheid"]
            _schrijf_per_gebied_en_jaar(Kerncijfers, velden, voorstel, bronnen)
        elif connection.vendor == "postgresql":
            _schrijf_postgresql(voorstel, bronnen, import_.reden, gebruiker, nu, voortgang)
        else:
            _schrijf_orm(voorstel, bronnen, import_.reden, gebruiker, nu)
        voortgang("schrijven", totaal, totaal)
        gegevensversie.verhoog()  # COPY en bulk-SQL sturen geen signalen (ivp/gegevensversie.py)
        _bewaar_als_uitgevoerd(import_, voorstel, nu, alleen_geldige)
        voortgang("klaar", totaal, totaal)
    if connection.vendor == "postgresql" and totaal >= ANALYZE_DREMPEL:
        # Na een grote import kloppen de statistieken van de planner niet meer; zonder
        # ANALYZE kiest hij voor de pagina's en de volgende import slechte plannen. Na de
        # commit: ANALYZE neemt SHARE UPDATE EXCLUSIVE, dat lezers en schrijvers niet hindert.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel._meta.db_table)}")
    return voorstel


def _alleen_import(tabel):
    """PostgreSQL: een tweede import wacht tot deze klaar is (advisory lock per tabel, tot
    het einde van de transactie). Geen slot op de tabel zelf: lezers en gewone schrijvers
    (het beheer) gaan door. Een wijziging in het beheer tijdens een import is na de import
    zichtbaar (wie het laatst schrijft, wint); een cijfer dat het beheer tegelijk aanmaakt
    met dezelfde sleutel laat de import mislukken (unieke sleutel), zonder dat er iets is
    geschreven."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [tabel._meta.db_table])


def maak_referenties(voorstel):
    """Maakt de referentiegebieden en de categorieën van soorten die de toegevoegde regels
    noemen (met een voorlopig negatief id uit Namen) en zet hun echte ids in de regels; geeft
    gebieden en soorten die nog alleen hun code als naam hadden de naam uit het bestand.

    Binnen de transactie van voer_uit: wordt er niets geschreven, dan ook geen gebied.
    Een afgewezen rij maakt niets aan. Queries: één bulk_create voor de gebieden, een paar
    per nieuwe soort (politie.nieuwe_categorie), één UPDATE per nieuwe naam.
    """
    namen = voorstel.controle.namen
    if not (namen.nieuwe_gebieden or namen.nieuwe_soorten or namen.namen_voor or namen.titels_voor):
        return  # het gewone geval: alles bestaat al, geen rondgang over de regels
    nodig_gebied = {regel.gebied for regel in voorstel.toegevoegd if regel.gebied < 0}
    nodig_categorie = {
        regel.categorie for regel in voorstel.toegevoegd if getattr(regel, "categorie", 0) < 0
    }
    echt = {}
    nieuw = [
        (voorlopig, referentiegebied(code, naam))
        for code, (voorlopig, naam) in namen.nieuwe_gebieden.items()
        if voorlopig in nodig_gebied
    ]
    Gebied.objects.bulk_create([gebied for _, gebied in nieuw])
    for voorlopig, gebied in nieuw:
        echt[voorlopig] = gebied.pk
        namen.gebied_naam[gebied.pk] = gebied.naam
        namen.gebied_slug[gebied.pk] = gebied.slug
        namen.gebied_soort[gebied.pk] = gebied.soort
    for pk, naam in namen.namen_voor.items():
        Gebied.objects.filter(pk=pk, naam=models.F("cbs_code")).update(naam=naam)
        namen.gebied_naam[pk] = naam
    echte_categorie = {}
    soorten = sorted(namen.nieuwe_soorten.items(), key=lambda paar: politie.volgorde(paar[0]))
    for code, (voorlopig, titel) in sorted(soorten, key=lambda paar: politie.niveau(paar[0])):
        if voorlopig in nodig_categorie:
            categorie = politie.nieuwe_categorie(PolitieCategorie, Categorie, code, titel)
            echte_categorie[voorlopig] = categorie.pk
            namen.categorie_naam[categorie.pk] = categorie.naam
    for code, titel in namen.titels_voor.items():
        PolitieCategorie.objects.filter(code=code, naam=code).update(naam=titel[:200])
        if not Categorie.objects.filter(naam=titel[:100]).exists():
            Categorie.objects.filter(politiecategorieen__code=code, naam=code).update(
                naam=titel[:100]
            )
    if echt or echte_categorie:
        voorstel.toegevoegd = [
            _met_echte_ids(regel, echt, echte_categorie) for regel in voorstel.toegevoegd
        ]


def _met_echte_ids(regel, echt, echte_categorie):
    if regel.gebied < 0:
        regel = regel._replace(gebied=echt[regel.gebied])
    if getattr(regel, "categorie", 0) < 0:
        regel = regel._replace(categorie=echte_categorie[regel.categorie])
    return regel


def _bewaar_als_uitgevoerd(import_, voorstel, nu, alleen_geldige):
    import_.status = Import.Status.UITGEVOERD
    import_.uitgevoerd = nu
    import_.alleen_geldige = alleen_geldige
    import_.inhoud = b""
    import_.voorbeeld = voorstel.samenvatting()
    for naam, aantal in voorstel.tellingen().items():
        setattr(import_, naam, aantal)
    import_.save()


def _bronnen(voorstel, import_, gebruiker, nu):
    """Titel (of None voor de bron van de import) -> id; ontbrekende bronnen worden gemaakt."""
    if voorstel.soort == Import.Soort.POLITIE:
        bron, _ = Bron.objects.get_or_create(
            titel=politie.BRON_TITEL,
            defaults={
                "document": politie.BRON_DOCUMENT,
                "tabel": politie.BRON_TABEL,
                "noot": politie.BRON_NOOT,
            },
        )
        return {None: bron.pk}
    titels = {regel.bron for regel in voorstel.toegevoegd} | {
        regel.bron for regel, _ in voorstel.gewijzigd
    }
    bronnen = dict(Bron.objects.filter(titel__in=titels - {None}).values_list("titel", "pk"))
    wie = gebruiker.get_username() if gebruiker else "een beheerder (commando)"
    noot = f"Geïmporteerd door {wie} op {timezone.localtime(nu):%d-%m-%Y %H:%M}."
    for titel in sorted(titels - {None} - bronnen.keys()):
        bronnen[titel] = Bron.objects.create(
            titel=titel,
            document="Eigen bestand (import)",
            tabel=import_.bestandsnaam[:200],
            noot=noot,
        ).pk
    if None in titels:
        bronnen[None] = Bron.objects.get_or_create(
            titel=import_.reden[:200],
            defaults={
                "document": "Geïmporteerd bestand",
                "tabel": import_.bestandsnaam[:200],
                "noot": noot,
            },
        )[0].pk
    return bronnen


def _schrijf_per_gebied_en_jaar(model, velden, voorstel, bronnen):
    """Bevolking of Kerncijfers (PerGebiedEnJaar): nieuwe rijen in één bulk_create, gewijzigde
    in één bulk_update van `velden` en de bron. `velden` zijn de waarden van een regel die het
    model onder dezelfde naam heeft (bijv. ["inwoners"])."""

    def rij(regel, pk=None):
        waarden = {veld: getattr(regel, veld) for veld in velden}
        return model(
            pk=pk, gebied_id=regel.gebied, jaar=regel.jaar, bron_id=bronnen[regel.bron], **waarden
        )

    model.objects.bulk_create([rij(regel) for regel in voorstel.toegevoegd], batch_size=1000)
    model.objects.bulk_update(
        [rij(regel, pk=oud[0]) for regel, oud in voorstel.gewijzigd],
        [*velden, "bron"],
        batch_size=500,
    )


def _cijfer(regel, bronnen, pk=None):
    return Cijfer(
        pk=pk,
        gebied_id=regel.gebied,
        categorie_id=regel.categorie,
        jaar=regel.jaar,
        periode=regel.periode,
        waarde=regel.waarde,
        status=regel.status,
        bron_id=bronnen[regel.bron],
    )


def _schrijf_orm(voorstel, bronnen, reden, gebruiker, nu):
    """SQLite (en elke andere database): bulk_create/bulk_update met geschiedenis."""
    historie = {"default_user": gebruiker, "default_change_reason": reden, "default_date": nu}
    if voorstel.toegevoegd:
        bulk_create_with_history(
            [_cijfer(regel, bronnen) for regel in voorstel.toegevoegd],
            Cijfer,
            batch_size=1000,
            **historie,
        )
    if voorstel.gewijzigd:
        bulk_update_with_history(
            [_cijfer(regel, bronnen, pk=oud[0]) for regel, oud in voorstel.gewijzigd],
            Cijfer,
            ["waarde", "status", "bron"],
            batch_size=500,
            **historie,
        )


def _schrijf_postgresql(voorstel, bronnen, reden, gebruiker, nu, voortgang):
    """PostgreSQL: COPY in een tijdelijke tabel, dan set-based naar cijfers_cijfer en de
    geschiedenis: een INSERT ... SELECT voor de nieuwe cijfers (ids vooraf als één blok uit
    de reeks) en een UPDATE ... FROM voor de gewijzigde, elk gevolgd door één INSERT ... SELECT
    in de geschiedenis.

    Sloten: de cijfertabel krijgt alleen ROW EXCLUSIVE (het slot van elke INSERT en UPDATE);
    lezers (ACCESS SHARE) wachten dus nooit. De verwijzende sleutels blijven staan. Mag deze
    verbinding triggers uitzetten (_sleutels_in_een_keer), dan controleert de import ze in één
    keer per sleutel in plaats van per rij.
    """
    totaal = voorstel.te_schrijven
    nieuw = len(voorstel.toegevoegd)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} (nummer integer, id bigint, gebied_id bigint, "
            "categorie_id bigint, jaar smallint, periode varchar(10), waarde integer, "
            "status varchar(20), bron_id bigint) ON COMMIT DROP"
        )
        voortgang("klaarzetten", 0, totaal)
        tekst = itertools.chain(
            (
                f"{nummer}\t\\N\t{regel.gebied}\t{regel.categorie}\t{regel.jaar}\t"
                f"{regel.periode}\t{NULL if regel.waarde is None else regel.waarde}\t"
                f"{regel.status}\t{bronnen[regel.bron]}\n"
                for nummer, regel in enumerate(voorstel.toegevoegd)
            ),
            (
                f"\\N\t{oud[0]}\t\\N\t\\N\t\\N\t\\N\t"
                f"{NULL if regel.waarde is None else regel.waarde}\t{regel.status}\t"
                f"{bronnen[regel.bron]}\n"
                for regel, oud in voorstel.gewijzigd
            ),
        )
        cursor.copy_expert(
            f"COPY {STAGING} FROM STDIN", _Stroom(tekst, voortgang=voortgang, totaal=totaal)
        )
        voortgang("klaarzetten", totaal, totaal)
        tabel, historie = _tabellen()
        geschiedenis = [nu, reden, gebruiker.pk if gebruiker else None]
        kolommen = (
            f"(id, {VELDEN}, history_date, history_change_reason, history_type, history_user_id)"
        )
        per_rij = not _sleutels_in_een_keer(cursor, geschiedenis[2])
        if nieuw:
            eerste = _reserveer_ids(cursor, nieuw)
            cursor.execute(
                f"INSERT INTO {tabel} (id, {VELDEN}) SELECT %s + nummer, {VELDEN} "
                f"FROM {STAGING} WHERE nummer IS NOT NULL",
                [eerste],
            )
            cursor.execute(
                f"INSERT INTO {historie} {kolommen} SELECT %s + nummer, {VELDEN}, %s, %s, '+', "
                f"%s FROM {STAGING} WHERE nummer IS NOT NULL",
                [eerste, *geschiedenis],
            )
            voortgang("schrijven", nieuw, totaal)
        if voorstel.gewijzigd:
            cursor.execute(f"ANALYZE {STAGING}")  # de planner kent een tijdelijke tabel niet
            cursor.execute(
                f"UPDATE {tabel} AS c SET waarde = w.waarde, status = w.status, "
                f"bron_id = w.bron_id FROM {STAGING} AS w WHERE w.id IS NOT NULL AND c.id = w.id"
            )
            cursor.execute(
                f"INSERT INTO {historie} {kolommen} SELECT c.id, "
                + ", ".join(f"c.{veld}" for veld in VELDEN.split(", "))
                + f", %s, %s, '~', %s FROM {tabel} AS c JOIN {STAGING} AS w ON c.id = w.id "
                "WHERE w.id IS NOT NULL",
                geschiedenis,
            )
            voortgang("schrijven", totaal, totaal)
        if not per_rij:
            cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute(f"DROP TABLE {STAGING}")  # ook binnen een omringende transactie (tests)


def _reserveer_ids(cursor, aantal):
    """Het eerste van `aantal` opeenvolgende ids uit de reeks van cijfers_cijfer, in één
    opdracht gereserveerd (nextval en setval samen), zodat de geschiedenis de ids van de
    nieuwe cijfers kent zonder ze terug te lezen. Een tweede import wacht op de advisory lock;
    een cijfer dat het beheer precies tussen nextval en setval aanmaakt, zou een id uit het
    blok krijgen: dan faalt een van beide op de primaire sleutel en wordt die teruggedraaid
    (er raakt niets beschadigd)."""
    reeks = connection.ops.quote_name(Cijfer._meta.db_table)
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
        [reeks, reeks, aantal],
    )
    return cursor.fetchone()[0] - aantal + 1


# De verwijzende sleutels van cijfers_cijfer: kolom in de tijdelijke tabel -> (model, veld).
SLEUTELS = {"gebied_id": Gebied, "categorie_id": Categorie, "bron_id": Bron}
logger = logging.getLogger(__name__)
# Wat de beheerder in het log leest als de import de sleutels per rij moet laten controleren.
ZONDER_RECHT = (
    "De import controleert de verwijzende sleutels per rij (correct, maar langzamer): de "
    "databasegebruiker mag session_replication_role niet zetten. Eén keer als beheerder: "
    "GRANT SET ON PARAMETER session_replication_role TO <gebruiker> (PostgreSQL 15+); README "
    '"Productie".'
)


class OngeldigeSleutel(Exception):
    """Een regel verwijst naar een gebied, categorie of bron die niet (meer) bestaat."""


def _sleutels_in_een_keer(cursor, gebruiker_id=None):
    """Controleert de verwijzende sleutels van alle regels in de tijdelijke tabel in één keer en
    zet dan voor de rest van de transactie de triggers van deze verbinding uit
    (session_replication_role = replica), zodat PostgreSQL ze niet nog eens per rij controleert.

    Django maakt verwijzende sleutels DEFERRABLE INITIALLY DEFERRED: zonder dit controleert
    PostgreSQL bij de commit elke nieuwe rij apart (een miljoen rijen: drie miljoen opzoekingen,
    meer dan de helft van de tijd van een COPY in de tabel zelf). Hier gebeurt precies wat die
    controle doet, maar per verschillende waarde: de rijen waarnaar verwezen wordt, worden met
    FOR KEY SHARE vastgehouden tot de commit (zo kan niemand ze tussendoor verwijderen) en
    moeten allemaal bestaan (anders OngeldigeSleutel en wordt er niets geschreven); zo ook de
    gebruiker van de geschiedenis (`gebruiker_id`, None voor het commando).

    Alleen als deze verbinding session_replication_role mag zetten (superuser, of vanaf
    PostgreSQL 15 `GRANT SET ON PARAMETER session_replication_role`); anders False en blijven
    de triggers aan (correct, langzamer). De cijfertabel en haar geschiedenis hebben geen andere
    triggers dan die van de sleutels (tests/test_import_postgres.py controleert dat), dus er
    wordt niets anders overgeslagen. Geeft True als de triggers uit staan."""
    if not _mag_triggers_uitzetten(cursor):
        logger.warning(ZONDER_RECHT)
        return False
    quote_name = connection.ops.quote_name
    for kolom, model in SLEUTELS.items():
        cursor.execute(f"SELECT count(DISTINCT {kolom}) FROM {STAGING} WHERE {kolom} IS NOT NULL")
        nodig = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {quote_name(model._meta.db_table)} WHERE id IN "
            f"(SELECT DISTINCT {kolom} FROM {STAGING} WHERE {kolom} IS NOT NULL) FOR KEY SHARE) AS v"
        )
        if cursor.fetchone()[0] != nodig:
            raise OngeldigeSleutel(
                f"Een regel verwijst naar een {model._meta.verbose_name} die niet bestaat."
            )
    if gebruiker_id is not None:  # de verwijzing van de geschiedenis naar de gebruiker
        gebruikers = quote_name(get_user_model()._meta.db_table)
        cursor.execute(f"SELECT 1 FROM {gebruikers} WHERE id = %s FOR KEY SHARE", [gebruiker_id])
        if cursor.fetchone() is None:
            raise OngeldigeSleutel("De gebruiker van de import bestaat niet meer.")
    cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _mag_triggers_uitzetten(cursor):
    """True als deze verbinding session_replication_role mag zetten: superuser, of vanaf
    PostgreSQL 15 met `GRANT SET ON PARAMETER session_replication_role`."""
    if connection.pg_version >= 150000:
        cursor.execute(
            "SELECT rolsuper OR has_parameter_privilege('session_replication_role', 'SET') "
            "FROM pg_roles WHERE rolname = current_user"
        )
    else:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    rij = cursor.fetchone()
    return bool(rij and rij[0])


def _tabellen():
    quote_name = connection.ops.quote_name
    return quote_name(Cijfer._meta.db_table), quote_name(Cijfer.history.model._meta.db_table)


class _Stroom:
    """Een bestand voor COPY dat zijn tekst stukje voor stukje uit een generator haalt.

    psycopg2 leest met read() tot er niets meer komt; een stuk mag elke lengte hebben. Alle
    velden zijn gecontroleerde getallen, perioden en statussen: er valt niets te escapen.
    """

    def __init__(self, regels, per_stuk=5000, voortgang=None, totaal=0):
        self._regels = regels
        self._per_stuk = per_stuk
        self._voortgang = voortgang
        self._totaal = totaal
        self._gelezen = 0

    def read(self, size=-1):
        """Het volgende stuk tekst (tot `per_stuk` regels); leeg als alles gelezen is.

        Meldt na elke 20 stukken de voortgang ("klaarzetten", regels, totaal)."""
        stuk = list(itertools.islice(self._regels, self._per_stuk))
        self._gelezen += len(stuk)
        if self._voortgang and stuk and self._gelezen % (20 * self._per_stuk) == 0:
            self._voortgang("klaarzetten", self._gelezen, self._totaal)
        return "".join(stuk)
