"""Schrijven: een importvoorstel in één transactie naar de database, of niets.

Vlak voor het schrijven wordt opnieuw vergeleken, nu met de tabel op slot (PostgreSQL), zodat
het voorstel klopt met wat er staat. Twee wegen, met dezelfde uitkomst:

- SQLite (en elke andere database): bulk_create/bulk_update met de geschiedenis van
  django-simple-history (bulk_create_with_history, bulk_update_with_history);
- PostgreSQL: COPY in de tabel zelf en de geschiedenis met één INSERT ... SELECT; boven
  STANDAARD_FK_DREMPEL regels gaan de verwijzende sleutels los en daarna weer vast.
"""

import itertools

from django.conf import settings
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

# Vanaf zoveel te schrijven cijfers gaat PostgreSQL over op de bulkaanpak uit de
# PostgreSQL-documentatie ("Populating a Database"): sleutels los, laden, sleutels terug.
STANDAARD_FK_DREMPEL = 100_000
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


def fk_drempel():
    """Vanaf zoveel regels de sleutels los: settings.CIJFERS_IMPORT_FK_DREMPEL of 100.000."""
    return getattr(settings, "CIJFERS_IMPORT_FK_DREMPEL", STANDAARD_FK_DREMPEL)


def voer_uit(controle, import_, gebruiker=None, alleen_geldige=False, verwacht=None):
    """Vergelijkt opnieuw (nu met de tabel op slot) en schrijft alles in één transactie.

    Met fouten wordt er niets geschreven, tenzij `alleen_geldige` (anders ImportGeweigerd).
    `verwacht` zijn de tellingen van het voorbeeld dat de gebruiker zag; wijkt het nieuwe
    voorstel daarvan af, dan wordt er niets geschreven (VeranderdSindsVoorbeeld). Bewaart
    `import_` als uitgevoerd (met de tellingen, zonder het bestand) en geeft het
    Importvoorstel terug. `gebruiker` staat in de geschiedenis (None: het commando).
    """
    tabel = {Import.Soort.BEVOLKING: Bevolking, Import.Soort.KERNCIJFERS: Kerncijfers}.get(
        controle.formaat.soort, Cijfer
    )
    with transaction.atomic():
        _zet_op_slot(tabel)
        voorstel = maak_voorstel(controle)
        if voorstel.aantal_fouten and not alleen_geldige:
            raise ImportGeweigerd(voorstel)
        if verwacht is not None and voorstel.tellingen() != verwacht:
            raise VeranderdSindsVoorbeeld(voorstel)
        nu = timezone.now()
        if import_.pk is None:
            import_.save()
        bronnen = _bronnen(voorstel, import_, gebruiker, nu)
        maak_referenties(voorstel)
        if voorstel.soort == Import.Soort.BEVOLKING:
            _schrijf_inwoners(voorstel, bronnen)
        elif voorstel.soort == Import.Soort.KERNCIJFERS:
            _schrijf_kerncijfers(voorstel, bronnen)
        elif connection.vendor == "postgresql":
            _schrijf_postgresql(voorstel, bronnen, import_.reden, gebruiker, nu)
        else:
            _schrijf_orm(voorstel, bronnen, import_.reden, gebruiker, nu)
        gegevensversie.verhoog()  # COPY en bulk-SQL sturen geen signalen (ivp/gegevensversie.py)
        _bewaar_als_uitgevoerd(import_, voorstel, nu, alleen_geldige)
    if connection.vendor == "postgresql" and voorstel.te_schrijven >= fk_drempel():
        # Na een grote import kloppen de statistieken van de planner niet meer; zonder
        # ANALYZE kiest hij voor de pagina's en de volgende import slechte plannen.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel._meta.db_table)}")
    return voorstel


def _zet_op_slot(tabel):
    """PostgreSQL: andere schrijvers wachten tot de transactie klaar is (lezers niet)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"LOCK TABLE {connection.ops.quote_name(tabel._meta.db_table)} "
                "IN SHARE ROW EXCLUSIVE MODE"
            )


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


def _schrijf_inwoners(voorstel, bronnen):
    def bevolking(regel, pk=None):
        return Bevolking(
            pk=pk,
            gebied_id=regel.gebied,
            jaar=regel.jaar,
            inwoners=regel.inwoners,
            bron_id=bronnen[regel.bron],
        )

    Bevolking.objects.bulk_create(
        [bevolking(regel) for regel in voorstel.toegevoegd], batch_size=1000
    )
    Bevolking.objects.bulk_update(
        [bevolking(regel, pk=oud[0]) for regel, oud in voorstel.gewijzigd],
        ["inwoners", "bron"],
        batch_size=500,
    )


def _schrijf_kerncijfers(voorstel, bronnen):
    """Kerncijfers: nieuwe rijen in één bulk_create, gewijzigde in één bulk_update."""

    def kerncijfers(regel, pk=None):
        return Kerncijfers(
            pk=pk,
            gebied_id=regel.gebied,
            jaar=regel.jaar,
            inwoners=regel.inwoners,
            adressendichtheid=regel.adressendichtheid,
            stedelijkheid=regel.stedelijkheid,
            bron_id=bronnen[regel.bron],
        )

    Kerncijfers.objects.bulk_create(
        [kerncijfers(regel) for regel in voorstel.toegevoegd], batch_size=1000
    )
    Kerncijfers.objects.bulk_update(
        [kerncijfers(regel, pk=oud[0]) for regel, oud in voorstel.gewijzigd],
        ["inwoners", "adressendichtheid", "stedelijkheid", "bron"],
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


def _schrijf_postgresql(voorstel, bronnen, reden, gebruiker, nu):
    """PostgreSQL: COPY in de tabel zelf, de geschiedenis met één INSERT ... SELECT."""
    geschiedenis = (nu, reden, gebruiker.pk if gebruiker else None)
    with connection.cursor() as cursor:
        sleutels = (
            _sleutels_los(cursor, Cijfer._meta.db_table)
            if voorstel.te_schrijven >= fk_drempel()
            else []
        )
        if voorstel.toegevoegd:
            _copy_nieuwe_cijfers(cursor, voorstel.toegevoegd, bronnen, geschiedenis)
        if voorstel.gewijzigd:
            _copy_gewijzigde_cijfers(cursor, voorstel.gewijzigd, bronnen, geschiedenis)
        _sleutels_terug(cursor, Cijfer._meta.db_table, sleutels)


def _tabellen():
    quote_name = connection.ops.quote_name
    return quote_name(Cijfer._meta.db_table), quote_name(Cijfer.history.model._meta.db_table)


def _copy_nieuwe_cijfers(cursor, regels, bronnen, geschiedenis):
    """COPY van nieuwe cijfers; hun ids komen vooraf als één blok uit de reeks (de tabel is
    door voer_uit op slot voor andere schrijvers), zodat de geschiedenis ze zonder
    terugleesronde vindt."""
    tabel, historie = _tabellen()
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
        [Cijfer._meta.db_table, Cijfer._meta.db_table, len(regels)],
    )
    laatste = cursor.fetchone()[0]
    eerste = laatste - len(regels) + 1
    tekst = (
        f"{cijfer_id}\t{regel.gebied}\t{regel.categorie}\t{regel.jaar}\t{regel.periode}\t"
        f"{NULL if regel.waarde is None else regel.waarde}\t{regel.status}\t{bronnen[regel.bron]}\n"
        for cijfer_id, regel in enumerate(regels, start=eerste)
    )
    cursor.copy_expert(f"COPY {tabel} (id, {VELDEN}) FROM STDIN", _Stroom(tekst))
    nu, reden, gebruiker_id = geschiedenis
    cursor.execute(
        f"INSERT INTO {historie} (id, {VELDEN}, history_date, history_change_reason, "
        f"history_type, history_user_id) SELECT id, {VELDEN}, %s, %s, '+', %s "
        f"FROM {tabel} WHERE id BETWEEN %s AND %s",
        [nu, reden, gebruiker_id, eerste, laatste],
    )


def _copy_gewijzigde_cijfers(cursor, gewijzigd, bronnen, geschiedenis):
    """COPY van de nieuwe waarden in een tijdelijke tabel, dan één UPDATE en één INSERT."""
    tabel, historie = _tabellen()
    cursor.execute(
        "CREATE TEMPORARY TABLE cijfers_import_wijziging (id bigint PRIMARY KEY, "
        "waarde integer, status varchar(20), bron_id bigint) ON COMMIT DROP"
    )
    tekst = (
        f"{oud[0]}\t{NULL if regel.waarde is None else regel.waarde}\t{regel.status}\t"
        f"{bronnen[regel.bron]}\n"
        for regel, oud in gewijzigd
    )
    cursor.copy_expert("COPY cijfers_import_wijziging FROM STDIN", _Stroom(tekst))
    cursor.execute(
        f"UPDATE {tabel} AS c SET waarde = w.waarde, status = w.status, "
        "bron_id = w.bron_id FROM cijfers_import_wijziging AS w WHERE c.id = w.id"
    )
    cursor.execute(
        f"INSERT INTO {historie} (id, {VELDEN}, history_date, history_change_reason, "
        f"history_type, history_user_id) SELECT c.id, "
        + ", ".join(f"c.{veld.strip()}" for veld in VELDEN.split(","))
        + f", %s, %s, '~', %s FROM {tabel} AS c JOIN cijfers_import_wijziging AS w "
        "ON c.id = w.id",
        list(geschiedenis),
    )
    cursor.execute("DROP TABLE cijfers_import_wijziging")


def _sleutels_los(cursor, tabel):
    """Haalt de verwijzende sleutels van de tabel weg (binnen de transactie) en geeft hun
    definities terug. Zo controleert PostgreSQL ze na het laden in één keer in plaats van per
    rij; zie _sleutels_terug. Terwijl de sleutels los zijn, is de tabel ook voor lezers op slot."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [tabel],
    )
    sleutels = cursor.fetchall()
    quote_name = connection.ops.quote_name
    for naam, _ in sleutels:
        cursor.execute(f"ALTER TABLE {quote_name(tabel)} DROP CONSTRAINT {quote_name(naam)}")
    return sleutels


def _sleutels_terug(cursor, tabel, sleutels):
    quote_name = connection.ops.quote_name
    for naam, definitie in sleutels:
        cursor.execute(
            f"ALTER TABLE {quote_name(tabel)} ADD CONSTRAINT {quote_name(naam)} {definitie}"
        )


class _Stroom:
    """Een bestand voor COPY dat zijn tekst stukje voor stukje uit een generator haalt.

    psycopg2 leest met read() tot er niets meer komt; een stuk mag elke lengte hebben. Alle
    velden zijn gecontroleerde getallen, perioden en statussen: er valt niets te escapen.
    """

    def __init__(self, regels, per_stuk=5000):
        self._regels = regels
        self._per_stuk = per_stuk

    def read(self, size=-1):
        """Het volgende stuk tekst (tot `per_stuk` regels); leeg als alles gelezen is."""
        return "".join(itertools.islice(self._regels, self._per_stuk))
