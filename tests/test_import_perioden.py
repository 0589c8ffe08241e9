"""Maanden en halfjaren tot jaren, basisteams als som, en per 1.000 inwoners (cijfers/trends.py).

Ontbrekend is geen nul: een jaar met een ontbrekende maand is geen jaarcijfer."""

from decimal import Decimal

import pandas as pd
from django.test import SimpleTestCase

from cijfers import tables, trends
from cijfers.models import Cijfer


def record(gebied, categorie, periode, waarde, status="definitief", **extra):
    return {"gebied": gebied, "categorie": categorie, "jaar": int(periode[:4]), "periode": periode,
            "waarde": waarde, "status": status, **extra}  # fmt: skip


def maanden(gebied, categorie, jaar, waarden, **extra):
    return [
        record(gebied, categorie, f"{jaar}-{m:02d}", w, **extra) for m, w in enumerate(waarden, 1)
    ]


def jaren(frame):
    return {
        (r.gebied, r.categorie, r.jaar): (None if pd.isna(r.waarde) else int(r.waarde), r.status)
        for r in frame.itertuples()
    }


class JaarframeTest(SimpleTestCase):
    def test_twaalf_maanden_worden_een_jaar(self):
        frame = trends.jaarframe(maanden(1, 1, 2020, range(1, 13)))
        self.assertEqual(jaren(frame), {(1, 1, 2020): (78, "definitief")})
        self.assertEqual(list(frame.columns), ["gebied", "categorie", "jaar", "waarde", "status"])

    def test_een_ontbrekende_maand_geeft_geen_jaar(self):
        records = maanden(1, 1, 2020, range(1, 12))  # t/m november
        frame = trends.jaarframe(records)
        self.assertTrue(frame.empty)
        self.assertEqual(trends.onvolledige_jaren(records, frame), [2020])

    def test_geheime_maand_maakt_het_jaar_geheim_voorlopig_maakt_het_voorlopig(self):
        geheim = maanden(1, 1, 2020, [1] * 12)
        geheim[5] = record(1, 1, "2020-06", None, "geheim")
        voorlopig = maanden(1, 2, 2020, [1] * 12)
        voorlopig[11] = record(1, 2, "2020-12", 1, "voorlopig")
        self.assertEqual(
            jaren(trends.jaarframe(geheim + voorlopig)),
            {(1, 1, 2020): (None, "geheim"), (1, 2, 2020): (12, "voorlopig")},
        )

    def test_halfjaren_opgeslagen_of_uit_maanden(self):
        records = maanden(1, 1, 2021, [2] * 6) + [record(1, 1, "2021-H2", 30)]
        records += [record(1, 2, "2021-H1", 5)] + maanden(1, 2, 2021, [1] * 12)  # H1 gaat voor
        self.assertEqual(
            jaren(trends.jaarframe(records)),
            {(1, 1, 2021): (42, "definitief"), (1, 2, 2021): (11, "definitief")},
        )

    def test_opgeslagen_jaarcijfer_gaat_voor(self):
        records = [record(1, 1, "2019", 100)] + maanden(1, 1, 2019, [1] * 12)
        self.assertEqual(jaren(trends.jaarframe(records)), {(1, 1, 2019): (100, "definitief")})

    def test_inwoners_gaan_mee(self):
        records = maanden(1, 1, 2020, [1] * 12, inwoners=2000, inwoners_bron="synthetisch")
        frame = trends.jaarframe(records)
        self.assertEqual(frame.loc[0, "inwoners"], 2000)
        self.assertEqual(
            trends.per_inwoners(frame.loc[0, "waarde"], frame.loc[0, "inwoners"]), Decimal("6.0")
        )


class TeamsommenTest(SimpleTestCase):
    def test_som_alleen_waar_alle_leden_een_cijfer_hebben(self):
        frame = trends.jaarframe(
            [
                record(1, 1, "2020", 5, inwoners=100, inwoners_bron="a"),
                record(2, 1, "2020", 7, inwoners=300, inwoners_bron="a"),
                record(1, 1, "2021", 5, inwoners=None, inwoners_bron=None),  # lid 2 ontbreekt
                record(1, 2, "2020", None, "geheim", inwoners=100, inwoners_bron="a"),
                record(2, 2, "2020", 1, "voorlopig", inwoners=300, inwoners_bron="a"),
                record(9, 1, "2019", 40, inwoners=None, inwoners_bron=None),
            ]  # fmt: skip
        )
        samen, afgeleid = trends.met_teamsommen(frame, {9: [1, 2]})
        team = jaren(samen[samen["gebied"] == 9])
        self.assertEqual(
            team,
            {
                (9, 1, 2019): (40, "definitief"),
                (9, 1, 2020): (12, "definitief"),
                (9, 2, 2020): (None, "geheim"),
            },
        )
        self.assertEqual(afgeleid, {(9, 1, 2020), (9, 2, 2020)})
        rij = samen[
            (samen["gebied"] == 9) & (samen["jaar"] == 2020) & (samen["categorie"] == 1)
        ].iloc[0]
        self.assertEqual((rij["inwoners"], rij["inwoners_bron"]), (400, "som van de gemeenten (a)"))

    def test_eigen_teamcijfer_blijft(self):
        frame = trends.jaarframe(
            [record(1, 1, "2020", 5), record(2, 1, "2020", 7), record(9, 1, "2020", 13)]
        )
        samen, afgeleid = trends.met_teamsommen(frame, {9: [1, 2]})
        self.assertEqual(jaren(samen[samen["gebied"] == 9]), {(9, 1, 2020): (13, "definitief")})
        self.assertEqual(afgeleid, set())


class PerInwonersTest(SimpleTestCase):
    def test_afronding_en_ontbrekend(self):
        self.assertEqual(trends.per_inwoners(78, 1001), Decimal("77.9"))
        # Onder 1 op twee significante cijfers (proefgebruik punt 9; was 0,05 -> "0.1"): een
        # zeldzame categorie leest niet gelijk aan een andere (3 / 25.000 = 0,12 tegen 1.200 /
        # 18.000.000 = 0,0667 -> 0,067).
        self.assertEqual(trends.per_inwoners(1, 20000), Decimal("0.050"))
        self.assertEqual(trends.per_inwoners(3, 25000), Decimal("0.12"))
        self.assertEqual(trends.per_inwoners(1200, 18_000_000), Decimal("0.067"))
        self.assertEqual(trends.per_inwoners(199, 200_000), Decimal("1.0"))  # 0,995 -> 1,0
        self.assertEqual(trends.per_inwoners(0, 20000), Decimal("0.0"))
        self.assertIsNone(trends.per_inwoners(None, 20000))
        self.assertIsNone(trends.per_inwoners(5, None))
        self.assertIsNone(trends.per_inwoners(5, 0))


class PerInwonersKolomTest(SimpleTestCase):
    def test_zoveel_decimalen_als_de_afronding_geeft(self):
        kolom = tables.PerInwonersKolom(2024)
        definitief, voorlopig = Cijfer.Status.DEFINITIEF, Cijfer.Status.VOORLOPIG

        def cel(waarde, status=definitief):
            return kolom.render(waarde, {"statussen": {2024: status}})

        self.assertEqual(cel(trends.per_inwoners(1200, 18_000_000)), "0,067")
        self.assertEqual(cel(trends.per_inwoners(1, 20000), voorlopig), "0,050*")
        self.assertEqual(cel(trends.per_inwoners(78, 1001)), "77,9")
        self.assertEqual(cel(trends.per_inwoners(0, 20000)), "0,0")
        self.assertEqual(cel(trends.per_inwoners(12_345_678, 1000)), "12.345.678,0")


class HalfjaarTest(SimpleTestCase):
    def test_halfjaren_uit_maanden_of_opgeslagen(self):
        records = maanden(1, 1, 2022, range(1, 13)) + maanden(
            1, 1, 2023, [2] * 11
        )  # dec. 2023 ontbreekt
        records += [record(1, 2, "2022-H1", 10), record(1, 2, "2023-H1", 15)]
        frame = trends.halfjaarframe(records)
        halfjaren = {(r.categorie, r.jaar, r.helft): r.waarde for r in frame.itertuples()}
        self.assertEqual(
            halfjaren,
            {(1, 2022, "H1"): 21, (1, 2022, "H2"): 57, (1, 2023, "H1"): 12,
             (2, 2022, "H1"): 10, (2, 2023, "H1"): 15},
        )  # fmt: skip
        veranderingen = trends.halfjaarveranderingen(
            frame, [(1, 1), (1, 2)], 2022, 2023, ("gebied", "categorie")
        )
        # H1: 21 -> 12 = -43%; H2 van 2023 is niet compleet: geen percentage.
        self.assertEqual(veranderingen, {(1, 1): {"h1": -43}, (1, 2): {"h1": 50}})

    def test_geheime_maand_geen_halfjaarverandering(self):
        records = maanden(1, 1, 2022, [1] * 12) + maanden(1, 1, 2023, [1] * 12)
        records[12 + 2] = record(1, 1, "2023-03", None, "geheim")
        frame = trends.halfjaarframe(records)
        self.assertEqual(trends.halfjaarveranderingen(frame, [1], 2022, 2023), {1: {"h2": 0}})
        self.assertEqual(trends.halfjaarveranderingen(frame, [1], None, 2023), {})
        self.assertTrue(trends.halfjaarframe([record(1, 1, "2020", 3)]).empty)
