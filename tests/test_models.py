"""Wat nooit opgeslagen mag worden, weigert de database zelf; migraties verliezen niets."""

from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase

from cijfers.models import Cijfer
from prioriteiten.models import Maatregel
from tests import factories


class CijferConstraintsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.gebied = factories.gebied()
        cls.categorie = factories.categorie()

    def assertGeweigerd(self, **velden):
        with self.assertRaises(IntegrityError), transaction.atomic():
            factories.cijfer(self.gebied, self.categorie, **velden)

    def test_negatief_aantal_geweigerd(self):
        self.assertGeweigerd(jaar=2018, waarde=-1)

    def test_dubbel_cijfer_geweigerd(self):
        factories.cijfer(self.gebied, self.categorie, 2018, 5)
        self.assertGeweigerd(jaar=2018, waarde=6)

    def test_jaar_buiten_bereik_geweigerd(self):
        self.assertGeweigerd(jaar=1800, waarde=1)

    def test_geheim_cijfer_heeft_geen_waarde(self):
        self.assertGeweigerd(jaar=2018, waarde=3, status=Cijfer.Status.GEHEIM)
        self.assertGeweigerd(jaar=2019, waarde=None, status=Cijfer.Status.DEFINITIEF)
        geheim = factories.cijfer(
            self.gebied, self.categorie, 2020, None, status=Cijfer.Status.GEHEIM
        )
        self.assertEqual(geheim.weergave, "x")

    def test_periode_hoort_bij_het_jaar(self):
        self.assertGeweigerd(jaar=2018, waarde=1, periode="2019-H1")
        halfjaar = factories.cijfer(self.gebied, self.categorie, 2018, 4, periode="2018-H1")
        self.assertEqual(halfjaar.periode, "2018-H1")

    def test_voorlopig_cijfer_krijgt_ster(self):
        voorlopig = factories.cijfer(
            self.gebied, self.categorie, 2021, 12, status=Cijfer.Status.VOORLOPIG
        )
        self.assertEqual(voorlopig.weergave, "12*")


class MaatregelstatusMigratieTest(TransactionTestCase):
    """prioriteiten 0003 schrapt de opgeslagen status van een maatregel; een status die met de
    hand afweek van de nieuwste melding wordt een melding, zodat niets verloren gaat."""

    VOOR = [("prioriteiten", "0002_voortgang_indicator_geschiedenis")]
    NA = [("prioriteiten", "0003_maatregelstatus_afgeleid")]

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_afwijkende_status_wordt_een_melding(self):
        executor = MigrationExecutor(connection)
        executor.migrate(self.VOOR)
        oud = executor.loader.project_state(self.VOOR).apps
        plan = oud.get_model("ivp", "Plan").objects.create(
            naam="Synthetisch plan", slug="synthetisch", begin_jaar=2000, eind_jaar=2099,
            bron="synthetisch",
        )  # fmt: skip
        prioriteit = oud.get_model("prioriteiten", "Prioriteit").objects.create(
            plan=plan, volgorde=1, naam="Synthetisch", slug="synthetisch", omschrijving="-"
        )
        OudeMaatregel = oud.get_model("prioriteiten", "Maatregel")
        hand, gemeld, leeg = (
            OudeMaatregel.objects.create(
                prioriteit=prioriteit,
                volgorde=volgorde,
                tekst=f"Maatregel {volgorde}",
                status=status,
            )  # fmt: skip
            for volgorde, status in [(1, "gereed"), (2, "lopend"), (3, "geen_voortgang")]
        )
        oud.get_model("prioriteiten", "Voortgang").objects.create(
            maatregel=gemeld, status="lopend", tekst="Gestart."
        )

        executor = MigrationExecutor(connection)
        executor.migrate(self.NA)
        nieuw = executor.loader.project_state(self.NA).apps
        meldingen = nieuw.get_model("prioriteiten", "Voortgang").objects
        self.assertEqual(
            list(meldingen.filter(maatregel=hand.pk).values_list("status", flat=True)),
            ["gereed"],
        )
        self.assertEqual(meldingen.filter(maatregel=gemeld.pk).count(), 1)
        self.assertFalse(meldingen.filter(maatregel=leeg.pk).exists())
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        statussen = dict(Maatregel.objects.met_status().values_list("pk", "status"))
        self.assertEqual(
            statussen,
            {
                hand.pk: Maatregel.Status.GEREED,
                gemeld.pk: Maatregel.Status.LOPEND,
                leeg.pk: Maatregel.Status.GEEN_VOORTGANG,
            },
        )
