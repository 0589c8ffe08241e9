/* Tekent elke grafiek op de pagina: <div class="grafiek" data-figuur="ID"> met de figuur
 * (door Python gebouwd) in <script type="application/json" id="ID"> (json_script).
 * Geen inline scripts, zodat een strikte CSP kan gelden. */
(function () {
  "use strict";

  /* Een trendtabel die breder is dan haar vak opent bij het nieuwste jaar, met de veranderingen
   * erachter: wat een raadslid als eerste zoekt (op een telefoon het nieuwste jaar naast de
   * categorie, breder zo ver als nodig om de laatste kolom te tonen, met de jaren ervoor). De
   * eerste kolom (de categorie) blijft vast staan (static/css/ivp.css); naar links schuiven
   * toont de oudere jaren. */
  Array.prototype.forEach.call(
    document.querySelectorAll(".table-container > table.trendtabel"),
    function (tabel) {
      var vak = tabel.parentElement;
      var koppen = tabel.querySelectorAll("thead th");
      if (vak.scrollWidth <= vak.clientWidth || koppen.length < 2) { return; }
      var nieuwste = null;
      Array.prototype.forEach.call(koppen, function (th) {
        if (/^\d{4}$/.test(th.textContent.trim())) { nieuwste = th; }
      });
      if (nieuwste) { vak.scrollLeft = nieuwste.offsetLeft - koppen[0].offsetWidth; }
    }
  );

  if (typeof Plotly === "undefined") { return; }

  /* De locale "nl" van plotly.js zelf (static/plotly/plotly-locale-nl.js: Nederlandse maanden
   * en dagen, decimale komma) staat in het register; deze woorden en de getalnotatie gaan daar per
   * grafiek voor (config.locales wint van het register, per woord en per formaatsleutel). */
  var NEDERLANDS = {
    nl: {
      dictionary: {
        "Download plot as a PNG": "Grafiek downloaden als PNG",
        "Download plot": "Download grafiek",
        "Zoom": "Zoomen",
        "Pan": "Verschuiven",
        "Zoom in": "Inzoomen",
        "Zoom out": "Uitzoomen",
        "Autoscale": "Automatisch schalen",
        "Reset axes": "Zoomen ongedaan maken",
        "Reset": "Herstellen",
        "Toggle Spike Lines": "Hulplijnen aan/uit",
        "Show closest data on hover": "Dichtstbijzijnde punt tonen",
        "Compare data on hover": "Punten vergelijken",
        "Double-click to zoom back out": "Dubbelklik om uit te zoomen",
        "Click to enter Colorscale title": "Klik voor een titel"
      },
      format: { decimal: ",", thousands: "." }
    }
  };

  function teken(el) {
    var bron = document.getElementById(el.dataset.figuur);
    if (!bron) { return; }
    var figuur = JSON.parse(bron.textContent);
    var config = {
      locale: "nl",
      locales: NEDERLANDS,
      responsive: !el.hasAttribute("data-vast"),  // data-vast: vaste maat voor afdrukken
      /* Alleen wat een gebruiker hier nodig heeft: PNG downloaden, inzoomen en het zoomen
       * ongedaan maken. Geen knop naar Plotly's cloud (delen) en geen plotly-logo met link:
       * het dashboard stuurt niets naar buiten. */
      displaylogo: false,
      showSendToCloud: false,
      modeBarButtons: [["toImage", "zoom2d", "resetScale2d"]],
      toImageButtonOptions: { format: "png", filename: el.dataset.bestandsnaam || "grafiek", scale: 2 }
    };
    Plotly.newPlot(el, figuur.data, figuur.layout, config).then(function () {
      el.setAttribute("data-getekend", "ja");
    });
  }

  /* Eén grafiek per taak, van boven naar beneden: de browser tekent de eerste grafiek op het
   * scherm terwijl de volgende nog moeten komen, in plaats van alles in één lange taak.
   * setTimeout (geen requestAnimationFrame): ook de PDF-druk met virtuele tijd wacht erop. */
  var wachtrij = Array.prototype.slice.call(document.querySelectorAll(".grafiek[data-figuur]"));
  function volgende() {
    var el = wachtrij.shift();
    if (!el) { return; }
    teken(el);
    if (wachtrij.length) { setTimeout(volgende, 0); }
  }
  volgende();
})();
