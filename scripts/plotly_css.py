"""Schrijft static/css/plotly.css: de stijlregels die plotly.js anders zelf als <style> injecteert.

Onder de Content-Security-Policy van het dashboard (`style-src 'self'`, zonder 'unsafe-inline')
blokkeert de browser de <style> die plotly.js bij het laden in de <head> zet; zonder die regels
staan de lagen van een grafiek onder elkaar in plaats van op elkaar en is de werkbalk kaal.
plotly.js slaat het injecteren over als er al een element met id `plotly.js-style-global` en
klasse `no-inline-styles` is (plotly.js PR #7109); de templates zetten daarom
`<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles" href=".../plotly.css">`
vóór plotly.js, en dit script haalt de regels uit de bundel zelf, zodat ze bij de versie horen.

Gebruik: `python scripts/plotly_css.py [pad/naar/plotly.min.js]` (standaard static/plotly/
plotly.min.js, of zonder die de bundel van het geïnstalleerde plotly-pakket). tests/test_csp.py faalt als het bestand niet meer klopt.
"""

import re
import sys
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parent.parent
DOEL = ROOT / "static" / "css" / "plotly.css"
# De bundel die de site serveert: de meegeleverde in static/plotly/ als die er is, anders die
# van het geïnstalleerde plotly-pakket.
GELEVERD = ROOT / "static" / "plotly" / "plotly.min.js"
PAKKET = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
STANDAARDBUNDEL = GELEVERD if GELEVERD.exists() else PAKKET

# Het object met regels in de bundel: {"X,X div":'direction:ltr;...', ..., Y:'...', ...}
OBJECT = re.compile(r'=\{("X,X div":.*?)\};for\(')
PAAR = re.compile(r'(?:"([^"]*)"|([A-Za-z]+)):(?:\'([^\']*)\'|"([^"]*)")(?:,|$)')
VERSIE = re.compile(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)")


def plotly_css(bundel):
    """De CSS-tekst (str) bij de tekst van een plotly.js-bundel, met de versie in de kop.

    Dezelfde vervangingen als plotly.js zelf (X -> `.js-plotly-plot .plotly`, Y ->
    `.plotly-notifier`) en dezelfde volgorde: plotly.js voegt elke regel vooraan in
    (insertRule(..., 0)), dus de laatste regel van het object staat in het blad voorop.
    ValueError als de bundel het object of de versie niet bevat.
    """
    object_ = OBJECT.search(bundel)
    versie = VERSIE.search(bundel[:500])
    if not object_ or not versie:
        raise ValueError("Geen stijlregels of versie van plotly.js in deze bundel gevonden.")
    regels = []
    for match in PAAR.finditer(object_.group(1)):
        sleutel = match.group(1) if match.group(1) is not None else match.group(2)
        waarde = match.group(3) if match.group(3) is not None else match.group(4)
        selector = re.sub(r"^,", " ,", sleutel)
        selector = selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
        regels.append(f"{selector}{{{waarde}}}")
    kop = (
        f"/* Stijlregels van plotly.js v{versie.group(1)} (MIT-licentie, (c) Plotly, Inc.), "
        "uit de bundel gehaald door scripts/plotly_css.py. Niet met de hand wijzigen. */"
    )
    return "\n".join([kop, *reversed(regels)]) + "\n"


def main(argumenten):
    """Schrijft DOEL uit de bundel in argumenten[0] (of STANDAARDBUNDEL)."""
    bundel = Path(argumenten[0]) if argumenten else STANDAARDBUNDEL
    DOEL.write_text(plotly_css(bundel.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{DOEL.relative_to(ROOT)} geschreven uit {bundel}.")


if __name__ == "__main__":
    main(sys.argv[1:])
