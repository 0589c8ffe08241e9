"""De richting van de imports: kern (ivp) <- cijfers <- prioriteiten <- vergaderingen <- site.

Leest de imports van elke module van de apps (ook imports binnen functies) als tekst met
`ast`, zonder iets uit te voeren. Een module van een laag mag alleen modules van een lagere
laag of van zijn eigen app importeren. De sitebrede pagina's (`ivp/views.py`: startpagina en
geschiedenis) en de hoofd-URLconf (`ivp/urls.py`) lezen elke app en staan daarom bovenaan.
Migraties tellen niet mee: die verwijzen naar andere apps met tekst, niet met imports.
"""

import ast
from pathlib import Path

import pytest

BASIS = Path(__file__).resolve().parent.parent
APPS = ["ivp", "cijfers", "prioriteiten", "vergaderingen"]
SITE = {"ivp.views", "ivp.urls"}
# Laag per app; de site (SITE) staat boven alle apps.
LAAG = {"ivp": 0, "cijfers": 1, "prioriteiten": 2, "vergaderingen": 3, "site": 4}


def modulenaam(pad):
    """'cijfers/importeren/lezen.py' -> 'cijfers.importeren.lezen' (een package zonder __init__)."""
    delen = list(pad.relative_to(BASIS).with_suffix("").parts)
    if delen[-1] == "__init__":
        delen.pop()
    return ".".join(delen)


def modules():
    """Alle modules van de apps (zonder migraties): lijst van (naam, pad)."""
    gevonden = []
    for app in APPS:
        for pad in sorted((BASIS / app).rglob("*.py")):
            if "migrations" not in pad.parts:
                gevonden.append((modulenaam(pad), pad))
    return gevonden


def geimporteerd(pad, naam):
    """De namen van de projectmodules die deze module importeert (absolute en relatieve)."""
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    namen = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            namen.update(alias.name for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")[: len(pakket.split(".")) - knoop.level + 1]
                module = ".".join(basis + ([knoop.module] if knoop.module else []))
            else:
                module = knoop.module or ""
            namen.add(module)
            namen.update(f"{module}.{alias.name}" for alias in knoop.names)
    return {n for n in namen if n.split(".")[0] in APPS}


def laag(module):
    """De laag van een module: 'site' voor SITE (en wat eronder valt), anders zijn app."""
    if any(module == s or module.startswith(s + ".") for s in SITE):
        return LAAG["site"]
    return LAAG[module.split(".")[0]]


def overtredingen():
    """Imports die tegen de richting in gaan: lijst van 'module -> geïmporteerd'."""
    fout = []
    for naam, pad in modules():
        for doel in sorted(geimporteerd(pad, naam)):
            eigen_app = doel.split(".")[0] == naam.split(".")[0]
            if laag(doel) == LAAG["site"] and laag(naam) != LAAG["site"]:
                fout.append(f"{naam} -> {doel} (sitepagina's staan bovenaan)")
            elif not eigen_app and laag(doel) > laag(naam):
                fout.append(f"{naam} -> {doel}")
    return fout


def test_er_zijn_modules_om_te_lezen():
    namen = {naam for naam, _ in modules()}
    assert {"ivp.models", "ivp.rechten", "cijfers.models", "prioriteiten.models"} <= namen


def test_imports_wijzen_een_kant_op():
    assert overtredingen() == []


def test_de_kern_importeert_geen_app():
    kern = [(n, p) for n, p in modules() if n.startswith("ivp") and laag(n) == LAAG["ivp"]]
    assert kern, "geen kernmodules gevonden"
    for naam, pad in kern:
        apps = {doel.split(".")[0] for doel in geimporteerd(pad, naam)} - {"ivp"}
        assert not apps, f"{naam} importeert {sorted(apps)}"


def test_geen_twee_apps_importeren_elkaar():
    richting = set()
    for naam, pad in modules():
        for doel in geimporteerd(pad, naam):
            van, naar = naam.split(".")[0], doel.split(".")[0]
            if van != naar and laag(naam) != LAAG["site"]:
                richting.add((van, naar))
    assert not {(a, b) for a, b in richting if (b, a) in richting}


@pytest.mark.parametrize(
    "bron,verwacht",
    [
        (
            "from prioriteiten.models import Doel\n",
            {"prioriteiten.models", "prioriteiten.models.Doel"},
        ),
        ("def f():\n    import cijfers.trends\n", {"cijfers.trends"}),
        ("from . import views\n", {"cijfers.importeren", "cijfers.importeren.views"}),
        ("import os\nfrom django.db import models\n", set()),
    ],
)
def test_de_lezer_vindt_ook_imports_in_functies_en_relatieve(tmp_path, bron, verwacht):
    pad = BASIS / "cijfers" / "importeren" / "__init__.py"
    nep = tmp_path / "__init__.py"
    nep.write_text(bron, encoding="utf-8")
    assert geimporteerd(nep, modulenaam(pad)) == verwacht


def test_een_import_tegen_de_richting_wordt_gevonden(monkeypatch, tmp_path):
    nep = tmp_path / "models.py"
    nep.write_text("from prioriteiten.models import Doel\n", encoding="utf-8")
    monkeypatch.setattr("tests.test_architectuur.modules", lambda: [("cijfers.models", nep)])
    assert overtredingen() == [
        "cijfers.models -> prioriteiten.models",
        "cijfers.models -> prioriteiten.models.Doel",
    ]
