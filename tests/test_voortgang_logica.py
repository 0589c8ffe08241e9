"""De pure functies van prioriteiten/voortgang.py: telling, stoplicht, indicatorstand."""

import datetime
from types import SimpleNamespace

from django.test import SimpleTestCase

from prioriteiten import voortgang
from prioriteiten.models import Indicator, Maatregel, laatste_melding
from prioriteiten.voortgang import Stand

S = Maatregel.Status


def maatregelen(*statussen):
    return [SimpleNamespace(status=s) for s in statussen]


def indicator(basisjaar=2018, richting=Indicator.Richting.DALING, streefwaarde=None):
    return SimpleNamespace(basisjaar=basisjaar, richting=richting, streefwaarde=streefwaarde)


class StoplichtTest(SimpleTestCase):
    def test_telling_heeft_elke_status_ook_nul(self):
        telling = voortgang.statustelling(maatregelen(S.LOPEND, S.LOPEND, S.GEREED))
        self.assertEqual(list(telling), list(S))
        self.assertEqual(telling[S.LOPEND], 2)
        self.assertEqual(telling[S.GEREED], 1)
        self.assertEqual(telling[S.VERTRAAGD], 0)

    def test_kleuren(self):
        def kleur(*statussen):
            return voortgang.stoplicht(voortgang.statustelling(maatregelen(*statussen))).kleur

        self.assertEqual(kleur(), "grijs")
        self.assertEqual(kleur(S.LOPEND, S.GEREED, S.GEPLAND), "groen")
        self.assertEqual(kleur(S.LOPEND, S.GEEN_VOORTGANG), "grijs")
        self.assertEqual(kleur(S.GEREED, S.GESTOPT), "oranje")
        self.assertEqual(kleur(S.GEEN_VOORTGANG, S.VERTRAAGD), "rood")

    def test_elk_stoplicht_heeft_een_teken_en_woord(self):
        for licht in voortgang.STOPLICHTEN:
            self.assertTrue(licht.symbool and licht.label and licht.uitleg)
        self.assertEqual(len({licht.symbool for licht in voortgang.STOPLICHTEN}), 5)
        self.assertEqual(len({licht.label for licht in voortgang.STOPLICHTEN}), 5)

    def test_geen_melding_is_onbekend_niet_aandacht(self):
        """Issue 15, punt 11: zonder melding is de stand onbekend, niet "Aandacht"."""

        def licht(*statussen):
            return voortgang.stoplicht(voortgang.statustelling(maatregelen(*statussen)))

        self.assertIs(licht(S.GEEN_VOORTGANG, S.GEEN_VOORTGANG), voortgang.ONBEKEND)
        self.assertIs(licht(S.LOPEND, S.GEEN_VOORTGANG), voortgang.ONBEKEND)
        self.assertEqual(licht(S.GEEN_VOORTGANG).label, "Onbekend")
        self.assertNotEqual(licht(S.GEEN_VOORTGANG).kleur, voortgang.ORANJE.kleur)
        self.assertIs(licht(S.GEEN_VOORTGANG, S.GESTOPT), voortgang.ORANJE)

    def test_zonder_melding_in_jaar(self):
        def m(*jaren):
            meldingen = [SimpleNamespace(datum=datetime.date(j, 6, 1)) for j in jaren]
            return SimpleNamespace(voortgang=SimpleNamespace(all=lambda: meldingen))

        met, oud, geen = m(2025, 2026), m(2025), m()
        self.assertEqual(voortgang.zonder_melding_in([met, oud, geen], 2026), [oud, geen])

    def test_laatste_melding(self):
        a = SimpleNamespace(datum=datetime.date(2026, 1, 1), aangemaakt=1)
        b = SimpleNamespace(datum=datetime.date(2026, 1, 1), aangemaakt=2)
        c = SimpleNamespace(datum=datetime.date(2025, 12, 31), aangemaakt=3)
        self.assertIs(laatste_melding([a, c, b]), b)
        self.assertIsNone(laatste_melding([]))


class IndicatorstandTest(SimpleTestCase):
    def test_daling_zonder_streefwaarde(self):
        stand = voortgang.indicatorstand(indicator(2016), {2015: 100, 2016: 90, 2017: 95, 2018: 80})
        self.assertEqual(stand.stand, Stand.OP_KOERS)
        self.assertEqual((stand.basis, stand.nieuwste_jaar, stand.nieuwste), (90, 2018, 80))
        self.assertIn("2018: 80", stand.uitleg)
        self.assertEqual(
            voortgang.indicatorstand(indicator(2016), {2016: 90, 2018: 90}).stand,
            Stand.NIET_OP_KOERS,
        )
        self.assertEqual(
            voortgang.indicatorstand(indicator(2016), {2016: 90, 2018: 91}).stand,
            Stand.NIET_OP_KOERS,
        )

    def test_stijging_en_streefwaarde(self):
        stijging = indicator(2016, Indicator.Richting.STIJGING)
        self.assertEqual(
            voortgang.indicatorstand(stijging, {2016: 5, 2017: 6}).stand, Stand.OP_KOERS
        )
        doel = indicator(2016, streefwaarde=50)
        self.assertEqual(
            voortgang.indicatorstand(doel, {2016: 90, 2018: 60}).stand, Stand.NIET_OP_KOERS
        )
        self.assertEqual(voortgang.indicatorstand(doel, {2016: 90, 2018: 50}).stand, Stand.OP_KOERS)

    def test_ontbrekend_is_onbekend_nooit_nul(self):
        self.assertEqual(voortgang.indicatorstand(indicator(2016), {2017: 5}).stand, Stand.ONBEKEND)
        self.assertEqual(
            voortgang.indicatorstand(indicator(2016), {2016: None, 2017: 5}).stand, Stand.ONBEKEND
        )
        stand = voortgang.indicatorstand(indicator(2018), {2016: 10, 2018: 9})
        self.assertEqual(stand.stand, Stand.ONBEKEND)
        self.assertIn("nog geen cijfer na", stand.uitleg)
        # Een geheim (None) nieuwste jaar telt niet: het vorige bekende jaar beslist.
        stand = voortgang.indicatorstand(indicator(2016), {2016: 10, 2017: 8, 2018: None})
        self.assertEqual((stand.stand, stand.nieuwste_jaar), (Stand.OP_KOERS, 2017))
