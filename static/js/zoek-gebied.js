/* Suggesties bij het zoekveld voor gebieden (templates/cijfers/_gebiedkeuze.html).
 *
 * Vraagt /gebieden/zoek/?q= (JSON, dezelfde site) terwijl de bezoeker typt en toont de gevonden
 * gebieden als knoppen. Een gekozen gebied komt aangevinkt bij de andere vinkjes (name="gebied");
 * het formulier verstuurt het zoals elk ander vinkje. Zonder JavaScript werkt de knop "Zoek"
 * gewoon (de pagina zoekt met ?zoek=). Geen inline script of stijl: CSP staat alleen scripts
 * van de eigen site toe. */
(function () {
  "use strict";

  function vinkje(doel, gebied) {
    var id = "gebied-" + gebied.slug;
    var bestaand = document.getElementById(id);
    if (bestaand) {
      bestaand.checked = true;
      return;
    }
    var blok = document.createElement("div");
    blok.className = "form-check";
    var invoer = document.createElement("input");
    invoer.className = "form-check-input";
    invoer.type = "checkbox";
    invoer.name = "gebied";
    invoer.value = gebied.slug;
    invoer.id = id;
    invoer.checked = true;
    var label = document.createElement("label");
    label.className = "form-check-label";
    label.htmlFor = id;
    label.textContent = gebied.naam + (gebied.code && gebied.code !== gebied.naam ? " (" + gebied.code + ")" : "");
    blok.appendChild(invoer);
    blok.appendChild(label);
    doel.appendChild(blok);
  }

  function koppel(veld) {
    var fieldset = veld.closest("fieldset");
    var doel = fieldset.querySelector("[data-zoek-doel]");
    var lijst = fieldset.querySelector(".zoek-suggesties");
    var melding = fieldset.querySelector("[data-zoek-melding]");
    var wacht = null;
    var laatste = "";

    function toon(gebieden) {
      lijst.textContent = "";
      gebieden.forEach(function (gebied) {
        var knop = document.createElement("button");
        knop.type = "button";
        knop.className = "list-group-item list-group-item-action";
        knop.textContent = gebied.naam + (gebied.code && gebied.code !== gebied.naam ? " (" + gebied.code + ")" : "") + " · " + gebied.soort.toLowerCase();
        knop.addEventListener("click", function () {
          vinkje(doel, gebied);
          veld.value = "";
          lijst.hidden = true;
          melding.textContent = gebied.naam + " is aangevinkt.";
          veld.focus();
        });
        var item = document.createElement("li");
        item.className = "list-group-item p-0 border-0";
        item.appendChild(knop);
        lijst.appendChild(item);
      });
      lijst.hidden = gebieden.length === 0;
      melding.textContent = gebieden.length ? gebieden.length + " gebieden gevonden." : "Geen gebied gevonden.";
    }

    function zoek() {
      var vraag = veld.value.trim();
      if (vraag === laatste) return;
      laatste = vraag;
      if (vraag.length < 2) {
        lijst.hidden = true;
        return;
      }
      fetch(veld.dataset.zoekUrl + "?q=" + encodeURIComponent(vraag), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (antwoord) {
          return antwoord.ok ? antwoord.json() : { gebieden: [] };
        })
        .then(function (data) {
          if (veld.value.trim() === vraag) toon(data.gebieden);
        })
        .catch(function () {
          lijst.hidden = true;
        });
    }

    veld.addEventListener("input", function () {
      clearTimeout(wacht);
      wacht = setTimeout(zoek, 200);
    });
    veld.addEventListener("keydown", function (gebeurtenis) {
      if (gebeurtenis.key === "Escape") lijst.hidden = true;
    });
  }

  document.querySelectorAll("[data-zoek-url]").forEach(koppel);
})();
