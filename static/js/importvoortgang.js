/* De voortgang van het werk van de worker aan een import (cijfers/importeren/taken.py): het
 * voorbeeld maken (lezen, controleren, vergelijken) of de bevestigde import schrijven, zonder
 * de pagina te herladen: vraagt elke seconde <section data-importvoortgang data-url="...status.json">
 * om de stand en zet de aantallen in de elementen met data-voortgang="gelezen" (enz.), en een
 * melding (bijvoorbeeld: er draait geen worker) in data-voortgang="melding". Als de taak klaar
 * of mislukt is, laadt de pagina opnieuw: dan staat het voorbeeld of de uitkomst erop. Zonder
 * JavaScript werkt de link "Vernieuwen" op de pagina. Geen inline script (strikte CSP). */
(function () {
  "use strict";
  var vak = document.querySelector("[data-importvoortgang]");
  if (!vak || !window.fetch) { return; }
  var url = vak.getAttribute("data-url");
  var getal = new Intl.NumberFormat("nl-NL");
  var fouten = 0;

  function zet(naam, waarde) {
    var element = vak.querySelector('[data-voortgang="' + naam + '"]');
    if (element && waarde !== undefined && waarde !== null) {
      element.textContent = typeof waarde === "number" ? getal.format(waarde) : waarde;
    }
  }

  function vraag() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (antwoord) {
        if (!antwoord.ok) { throw new Error(antwoord.status); }
        return antwoord.json();
      })
      .then(function (stand) {
        fouten = 0;
        zet("stap", stand.stap_tekst);
        zet("status", stand.status_tekst);
        zet("gelezen", stand.gelezen);
        zet("gecontroleerd", stand.gecontroleerd);
        zet("geschreven", stand.geschreven);
        zet("te_schrijven", stand.te_schrijven);
        var melding = vak.querySelector('[data-voortgang="melding"]');
        if (melding) {
          melding.textContent = stand.melding || "";
          melding.hidden = !stand.melding;
        }
        var balk = vak.querySelector("progress");
        if (balk && stand.te_schrijven) {
          balk.max = stand.te_schrijven;
          balk.value = stand.geschreven;
        }
        if (stand.afgelopen) {
          window.location.reload();
        } else {
          window.setTimeout(vraag, 1000);
        }
      })
      .catch(function () {
        fouten += 1;
        if (fouten < 30) { window.setTimeout(vraag, 2000); }
      });
  }

  window.setTimeout(vraag, 500);
})();
