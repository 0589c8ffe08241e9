"""De landelijke dataset van make bench-pages (scripts/bench_paginas.py): het rooster van de
synthetische gemeenten geeft elke eigen gemeente een vergelijkingsgroep van 10 synthetische
gemeenten (cijfers/vergelijking.py), zodat de bench "is dat veel?" op landelijke omvang meet.
Geen database: de rekenregels van de bench en de groepskeuze zelf."""

from cijfers.vergelijking import Kenmerken, standaardgroep
from scripts import bench_paginas as bench

EIGEN = 100_000  # ids van de eigen gemeenten, boven die van de synthetische


def _kenmerken():
    synthetisch = [
        Kenmerken(n, f"GM{9001 + n}", *bench.plek_kenmerken(divmod(n, bench.ROOSTER[0])[::-1]))
        for n in range(bench.GEMEENTEN)
    ]
    eigen = [
        Kenmerken(EIGEN + k, f"GM03{k:02d}", *bench.plek_kenmerken(plek))
        for k, plek in enumerate(bench.EIGEN_PLEKKEN)
    ]
    return synthetisch, eigen


def test_rooster_vult_alle_gemeenten_tussen_de_uitersten():
    assert bench.ROOSTER[0] * bench.ROOSTER[1] == bench.GEMEENTEN
    assert bench.plek_kenmerken((0, 0)) == (1000, 50)
    assert bench.plek_kenmerken((18, 17)) == (900_000, 6000)
    synthetisch, _ = _kenmerken()
    assert len({(k.inwoners, k.dichtheid) for k in synthetisch}) == bench.GEMEENTEN


def test_elke_eigen_gemeente_krijgt_tien_synthetische_leden():
    synthetisch, eigen = _kenmerken()
    for gemeente in eigen:
        groep = standaardgroep(gemeente.gebied, [*synthetisch, *eigen])
        assert len(groep) == 10
        assert all(lid < EIGEN for lid, _ in groep), gemeente


def test_inwoners_groeien_per_jaar_en_blijven_positief():
    assert bench.inwoners_in(25_000, bench.KERNJAAR) == 25_000
    assert bench.inwoners_in(25_000, bench.KERNJAAR + 1) == 25_100
    assert bench.inwoners_in(25_000, bench.KERNJAAR - 12) == 23_800
    assert bench.inwoners_in(1, 1990) == 1


def test_maandregels_van_de_eigen_gemeenten_vallen_na_de_bron():
    regels = list(bench.rijen([7], [3], 99, range(2019, 2021)))
    assert len(regels) == 24
    assert regels[0].startswith("7\t3\t2019\t2019-01\t")
    assert regels[-1].split("\t")[3] == "2020-12"
    assert all(regel.endswith("\t99\n") for regel in regels)


def test_tabel_met_maanden_oordeelt_alleen_op_warm_p95():
    bron = {"Baarn": ("/gebieden/baarn/", ((0.08, 0.09, 20), (0.020, 0.024, 1)))}
    eigen = {"Baarn": ("/gebieden/baarn/", ((0.30, 0.35, 20), (0.035, 0.045, 1)))}
    regels = bench.tabel_eigen(bron, eigen, {"Baarn": 80_000}, {"Baarn": 250_000})
    assert regels[2] == (
        "| [Baarn](/gebieden/baarn/) | 80 kB | 250 kB | 300 ms | 350 ms | 35,0 ms | 45,0 ms "
        "| 20/1 | 1,88 | 3,1 | gehaald |"
    )
    eigen["Baarn"] = ("/gebieden/baarn/", ((0.30, 0.35, 20), (0.045, 0.051, 1)))
    assert bench.tabel_eigen(bron, eigen, {"Baarn": 1}, {"Baarn": 1})[2].endswith(
        "| NIET gehaald |"
    )


def test_verschil_in_queries_wordt_verklaard_of_onverklaard_genoemd():
    bron = {
        "Baarn": ("/gebieden/baarn/", ((0, 0, 19), (0, 0, 1))),
        "De Bilt": ("/gebieden/de-bilt/", ((0, 0, 10), (0, 0, 1))),
        "plan": ("/plan/", ((0, 0, 6), (0, 0, 6))),
    }
    landelijk = {
        "Baarn": ("/gebieden/baarn/", ((0, 0, 19), (0, 0, 1))),
        "De Bilt": ("/gebieden/de-bilt/", ((0, 0, 17), (0, 0, 1))),
        "plan": ("/plan/", ((0, 0, 7), (0, 0, 6))),
    }
    regels = bench.verschilregels(bron, landelijk, ["De Bilt"])
    assert len(regels) == 2
    assert regels[0].startswith("- queries van De Bilt: 10/1 op de bron, 17/1 landelijk: zonder")
    assert regels[1] == "- queries van plan: 6/6 op de bron, 7/6 landelijk: onverklaard"


def test_het_basisteam_met_nederland_is_verklaard_en_meer_niet():
    bron = {
        "Basisteam BES": ("/gebieden/basisteam-bes/", ((0, 0, 11), (0, 0, 1))),
        "Basisteam X": ("/gebieden/x/", ((0, 0, 11), (0, 0, 1))),
    }
    landelijk = {
        # 2 koud meer (de cijfers en inwoners van Nederland): verklaard; 3 meer niet.
        "Basisteam BES": ("/gebieden/basisteam-bes/", ((0, 0, 13), (0, 0, 1))),
        "Basisteam X": ("/gebieden/x/", ((0, 0, 14), (0, 0, 1))),
    }
    regels = bench.verschilregels(bron, landelijk, [])
    assert regels[0].startswith(
        "- queries van Basisteam BES: 11/1 op de bron, 13/1 landelijk: koud 2 meer: de "
        "landelijke dataset heeft een Nederland (NL01)"
    )
    assert regels[1] == "- queries van Basisteam X: 11/1 op de bron, 14/1 landelijk: onverklaard"
