"""Wat nooit opgeslagen mag worden, weigert de database zelf."""

from django.db import IntegrityError, transaction
from django.test import TestCase

from cijfers.models import Cijfer
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
