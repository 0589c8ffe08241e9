"""De nieuwe indeling (issue 10) verliest niets.

Een database op de stand van vóór de herindeling (ivp 0003, cijfers 0005, prioriteiten 0002)
met vergaderingen, agendapunten, hun geschiedenis, een recht op vergaderingen in een groep,
voortgangsmeldingen (met de toen nog opgeslagen status van een maatregel) en imports migreert
naar de nieuwe indeling (vergaderingen in hun eigen app, de status van een maatregel afgeleid
uit zijn meldingen); daarna is alles er nog, met dezelfde id's, en werkt het recht nog. Een TransactionTestCase:
op SQLite kan een migratie niet binnen de transactie van een TestCase lopen; zo draait de test
op SQLite en PostgreSQL hetzelfde.
"""

import datetime

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

from vergaderingen.models import Agendapunt, Vergadering

VOOR_DE_VERHUIZING = [
    ("ivp", "0003_vergaderingen"),
    ("cijfers", "0005_koppeling_foutmelding"),
    ("prioriteiten", "0002_voortgang_indicator_geschiedenis"),
]
HERINGEDEELD = {"ivp", "cijfers", "prioriteiten", "vergaderingen"}
VERGADERVELDEN = ["id", "overleg_id", "datum", "aanvang", "locatie", "interne_notities",
                  "aangemaakt_door_id"]  # fmt: skip
AGENDAVELDEN = ["id", "vergadering_id", "volgorde", "titel", "toelichting", "voor_driehoek",
                "intern"]  # fmt: skip
GESCHIEDENISVELDEN = ["history_id", "history_date", "history_type", "history_user_id",
                      "history_change_reason"]  # fmt: skip


def moment(maand, dag):
    return timezone.make_aware(datetime.datetime(2025, maand, dag, 10))


def rijen(model, velden, volgorde="id"):
    return list(model.objects.order_by(volgorde).values(*velden))


class MigratieBasis(TransactionTestCase):
    """Zet de database op de stand van voor de herindeling; de tests vullen en migreren."""

    def setUp(self):
        executor = MigrationExecutor(connection)
        # De andere apps (auth, contenttypes, ...) op hun nieuwste stand, de eigen apps op die
        # van voor de herindeling.
        andere = [
            knoop for knoop in executor.loader.graph.leaf_nodes() if knoop[0] not in HERINGEDEELD
        ]
        executor.migrate(VOOR_DE_VERHUIZING + andere)
        executor.loader.build_graph()
        self.oude_modellen = executor.loader.project_state(andere + VOOR_DE_VERHUIZING).apps

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()

    def oud(self, app, model):
        return self.oude_modellen.get_model(app, model)

    def vul_de_oude_database(self):
        """Twee vergaderingen met drie agendapunten en hun geschiedenis, met de modellen
        zoals ze in ivp 0003 waren; een groep met het recht 'vergaderingen wijzigen'."""
        adviseur = self.oud("auth", "User").objects.create(username="adviseur")
        plan = self.oud("ivp", "Plan").objects.create(
            naam="IVP test", slug="2023-2026", begin_jaar=2023, eind_jaar=2026, bron="test"
        )
        avo = self.oud("ivp", "Overleg").objects.create(
            plan=plan, naam="Ambtelijk vooroverleg", afkorting="AVO BES", slug="avo-bes",
            inhoud="Voortgang van het plan.", frequentie="vier keer per jaar",
        )  # fmt: skip
        vergaderingen = self.oud("ivp", "Vergadering").objects
        maart = vergaderingen.create(
            overleg=avo, datum=datetime.date(2025, 3, 4), aanvang=datetime.time(9, 30),
            locatie="Gemeentehuis Soest", interne_notities="Vertrouwelijk.",
            aangemaakt_door=adviseur,
        )  # fmt: skip
        juni = vergaderingen.create(overleg=avo, datum=datetime.date(2025, 6, 3))
        punten = self.oud("ivp", "Agendapunt").objects
        punten.create(vergadering=maart, volgorde=1, titel="Voortgang IVP", voor_driehoek=True)
        punten.create(vergadering=maart, volgorde=2, titel="Formatie", intern=True,
                      toelichting="Alleen ambtelijk.")  # fmt: skip
        punten.create(vergadering=juni, volgorde=1, titel="Cijfers 2024")
        self.maak_geschiedenis(adviseur, maart)
        groep = self.oud("auth", "Group").objects.create(name="Vergaderplanners")
        groep.permissions.add(self.recht("ivp", "change_vergadering"))
        adviseur.groups.add(groep)

    def maak_geschiedenis(self, adviseur, vergadering):
        """Aangemaakt en gewijzigd (de locatie), zoals simple-history ze vastlegde."""
        geschiedenis = self.oud("ivp", "HistoricalVergadering").objects
        for tijdstip, soort, locatie in [(moment(2, 1), "+", ""), (moment(2, 9), "~", "Soest")]:
            geschiedenis.create(
                id=vergadering.id, overleg_id=vergadering.overleg_id, datum=vergadering.datum,
                aanvang=vergadering.aanvang, locatie=locatie, interne_notities="",
                aangemaakt_door_id=adviseur.id, history_date=tijdstip, history_type=soort,
                history_user=adviseur, history_change_reason="beheer",
            )  # fmt: skip
        for punt in self.oud("ivp", "Agendapunt").objects.filter(vergadering=vergadering):
            self.oud("ivp", "HistoricalAgendapunt").objects.create(
                id=punt.id, vergadering_id=vergadering.id, volgorde=punt.volgorde,
                titel=punt.titel, toelichting=punt.toelichting, voor_driehoek=punt.voor_driehoek,
                intern=punt.intern, history_date=moment(2, 1), history_type="+",
                history_user=adviseur,
            )  # fmt: skip

    def recht(self, app, codenaam):
        inhoudstype, _ = self.oud("contenttypes", "ContentType").objects.get_or_create(
            app_label=app, model=codenaam.split("_", 1)[1]
        )
        recht, _ = self.oud("auth", "Permission").objects.get_or_create(
            content_type=inhoudstype, codename=codenaam, defaults={"name": codenaam}
        )
        return recht

    def oude_stand(self):
        return {
            "vergaderingen": rijen(self.oud("ivp", "Vergadering"), VERGADERVELDEN),
            "agendapunten": rijen(self.oud("ivp", "Agendapunt"), AGENDAVELDEN),
            "geschiedenis vergaderingen": rijen(
                self.oud("ivp", "HistoricalVergadering"),
                VERGADERVELDEN + GESCHIEDENISVELDEN,
                "history_id",
            ),
            "geschiedenis agendapunten": rijen(
                self.oud("ivp", "HistoricalAgendapunt"),
                AGENDAVELDEN + GESCHIEDENISVELDEN,
                "history_id",
            ),
        }

    def nieuwe_stand(self):
        return {
            "vergaderingen": rijen(Vergadering, VERGADERVELDEN),
            "agendapunten": rijen(Agendapunt, AGENDAVELDEN),
            "geschiedenis vergaderingen": rijen(
                Vergadering.history.model, VERGADERVELDEN + GESCHIEDENISVELDEN, "history_id"
            ),
            "geschiedenis agendapunten": rijen(
                Agendapunt.history.model, AGENDAVELDEN + GESCHIEDENISVELDEN, "history_id"
            ),
        }

    def migreer_naar_de_nieuwe_indeling(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()


class MigratieVergaderingenTest(MigratieBasis):
    def test_vergaderingen_agenda_en_geschiedenis_blijven_heel(self):
        self.vul_de_oude_database()
        voor = self.oude_stand()
        self.assertEqual(
            [len(voor[deel]) for deel in voor], [2, 3, 2, 2], "de oude database is gevuld"
        )
        self.migreer_naar_de_nieuwe_indeling()

        self.assertEqual(self.nieuwe_stand(), voor)
        tabellen = connection.introspection.table_names()
        for model in ["vergadering", "agendapunt", "historicalvergadering", "historicalagendapunt"]:
            self.assertIn(f"vergaderingen_{model}", tabellen)
            self.assertNotIn(f"ivp_{model}", tabellen)
        maart = Vergadering.objects.get(datum=datetime.date(2025, 3, 4))
        self.assertEqual(maart.overleg.slug, "avo-bes")
        self.assertEqual(maart.aangemaakt_door.username, "adviseur")
        self.assertEqual([p.titel for p in maart.agendapunten.all()], ["Voortgang IVP", "Formatie"])
        self.assertEqual(list(maart.overleg.vergaderingen.order_by("datum")), [maart, *[
            Vergadering.objects.get(datum=datetime.date(2025, 6, 3))]])  # fmt: skip
        # De geschiedenis blijft leesbaar (het stuk leest de stand op een datum) en groeit door.
        self.assertEqual(Vergadering.history.as_of(moment(2, 5)).get(pk=maart.pk).locatie, "")
        maart.locatie = "Baarn"
        maart.save()
        self.assertEqual(maart.history.count(), 3)

    def test_nieuwe_rijen_nummeren_door_en_de_unieke_sleutel_geldt(self):
        self.vul_de_oude_database()
        hoogste = max(r["id"] for r in self.oude_stand()["agendapunten"])
        self.migreer_naar_de_nieuwe_indeling()

        maart = Vergadering.objects.get(datum=datetime.date(2025, 3, 4))
        self.assertGreater(Agendapunt.objects.create(vergadering=maart, titel="Nieuw").pk, hoogste)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Vergadering.objects.create(overleg=maart.overleg, datum=maart.datum)

    def test_rechten_op_vergaderingen_blijven_gelden(self):
        self.vul_de_oude_database()
        oud_recht = self.recht("ivp", "change_vergadering")
        # Wat post_migrate na een eerdere migrate al in de nieuwe app kan hebben gemaakt.
        self.recht("vergaderingen", "change_vergadering")
        self.migreer_naar_de_nieuwe_indeling()

        inhoudstype = ContentType.objects.get_for_model(Vergadering)
        self.assertEqual(inhoudstype.pk, oud_recht.content_type_id)
        self.assertFalse(ContentType.objects.filter(app_label="ivp", model="vergadering").exists())
        adviseur = User.objects.get(username="adviseur")
        self.assertTrue(adviseur.has_perm("vergaderingen.change_vergadering"))
        self.assertEqual(
            list(adviseur.groups.get().permissions.values_list("pk", flat=True)), [oud_recht.pk]
        )


VOORTGANGVELDEN = ["id", "maatregel_id", "doel_id", "speerpunt_id", "datum", "status", "tekst",
                   "auteur_id", "aangemaakt"]  # fmt: skip
IMPORTVELDEN = ["id", "bestandsnaam", "soort", "status", "gebruiker_id", "aangemaakt",
                "uitgevoerd", "sha256", "voorbeeld", "toegevoegd", "gewijzigd", "ongewijzigd",
                "afgewezen", "overgeslagen"]  # fmt: skip


class MigratieVoortgangEnImportsTest(MigratieBasis):
    """Voortgangsmeldingen en imports komen heel door de herindeling; de opgeslagen status van
    een maatregel wordt de afgeleide status, ook een status die met de hand was gezet."""

    def vul_voortgang_en_imports(self):
        """Drie maatregelen: een met meldingen (nieuwste: vertraagd), een met een met de hand
        gezette status zonder melding (gereed) en een zonder iets; twee imports."""
        adviseur = self.oud("auth", "User").objects.get(username="adviseur")
        plan = self.oud("ivp", "Plan").objects.get()
        prioriteit = self.oud("prioriteiten", "Prioriteit").objects.create(
            plan=plan, volgorde=1, naam="High Impact Crimes", slug="hic", omschrijving="HIC."
        )
        maatregelen = self.oud("prioriteiten", "Maatregel").objects
        gemeld = maatregelen.create(prioriteit=prioriteit, volgorde=1, tekst="Preventie",
                                    status="vertraagd")  # fmt: skip
        met_de_hand = maatregelen.create(prioriteit=prioriteit, volgorde=2, tekst="Buurtapp",
                                         status="gereed")  # fmt: skip
        maatregelen.create(prioriteit=prioriteit, volgorde=3, tekst="Voorlichting")
        meldingen = self.oud("prioriteiten", "Voortgang").objects
        for datum, status in [(datetime.date(2025, 1, 10), "lopend"),
                              (datetime.date(2025, 4, 2), "vertraagd")]:  # fmt: skip
            meldingen.create(maatregel=gemeld, datum=datum, status=status, tekst=f"Stand {datum}",
                             auteur=adviseur)  # fmt: skip
        imports = self.oud("cijfers", "Import").objects
        imports.create(bestandsnaam="politie.csv", soort="politie", status="uitgevoerd",
                       gebruiker=adviseur, uitgevoerd=moment(3, 1), sha256="a" * 64,
                       voorbeeld={"gebieden": [{"gebied": "Baarn"}]}, toegevoegd=12,
                       ongewijzigd=3, overgeslagen=2)  # fmt: skip
        imports.create(bestandsnaam="inwoners.xlsx", soort="bevolking", status="voorbeeld",
                       gebruiker=adviseur, sha256="b" * 64, inhoud=b"gebied,jaar,inwoners\n")  # fmt: skip
        return met_de_hand

    def test_voortgang_imports_en_status_blijven_heel(self):
        from cijfers.models import Import
        from prioriteiten.models import Maatregel, Voortgang

        self.vul_de_oude_database()
        met_de_hand = self.vul_voortgang_en_imports()
        meldingen_voor = rijen(self.oud("prioriteiten", "Voortgang"), VOORTGANGVELDEN)
        imports_voor = rijen(self.oud("cijfers", "Import"), IMPORTVELDEN)
        statussen_voor = dict(
            self.oud("prioriteiten", "Maatregel").objects.values_list("tekst", "status")
        )
        self.assertEqual((len(meldingen_voor), len(imports_voor)), (2, 2))
        self.migreer_naar_de_nieuwe_indeling()

        # De bestaande meldingen en imports zijn er nog, veld voor veld.
        self.assertEqual(rijen(Voortgang, VOORTGANGVELDEN)[: len(meldingen_voor)], meldingen_voor)
        self.assertEqual(rijen(Import, IMPORTVELDEN), imports_voor)
        self.assertEqual(
            bytes(Import.objects.get(bestandsnaam="inwoners.xlsx").inhoud),
            b"gebied,jaar,inwoners\n",
        )
        # Elke maatregel toont dezelfde status als voor de migratie; de met de hand gezette
        # status is een melding geworden (en verder niets).
        self.assertEqual(
            {m.tekst: m.status for m in Maatregel.objects.met_status()}, statussen_voor
        )
        nieuw = Voortgang.objects.exclude(pk__in=[m["id"] for m in meldingen_voor])
        self.assertEqual(
            list(nieuw.values_list("maatregel_id", "status")), [(met_de_hand.pk, "gereed")]
        )
