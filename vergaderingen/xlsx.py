"""Het vergaderstuk als werkboek (XLSX): de tabellen van het stuk, elk op een eigen werkblad.

Getallen blijven getallen (geen tekst met scheidingstekens), zodat de raad ermee kan rekenen.
"""

import tablib
from django.utils import timezone

from cijfers.models import Cijfer
from cijfers.veilig import veilige_dataset


def stuk_als_databook(stuk, standdag):
    """Een tablib.Databook uit een Stuk (vergaderingen/stuk.py), met de cijfers zoals ze op
    `standdag` (Standdag, Stuk.stand_op) stonden, met de werkbladen Agenda,
    (alleen in de interne versie) Interne notities, Prioriteiten, Lokale speerpunten,
    Voortgang, Opvallende veranderingen, Nieuwe cijfers en Driehoek BES; tekst die Excel als
    formule zou uitvoeren is onschadelijk gemaakt (cijfers/veilig.py).

    Zoals het HTML-stuk en de PDF: de interne versie heeft de interne agendapunten en de
    interne notities, de openbare niet (proefgebruiker 30-11-2026, punt 7)."""
    bladen = [
        agendablad(stuk),
        *([] if stuk.openbaar else [notitiesblad(stuk)]),
        prioriteitenblad(stuk),
        lokaalblad(stuk),
        voortgangsblad(stuk),
        opvallendblad(stuk, standdag),
        nieuwe_cijfersblad(stuk),
        driehoekblad(stuk),
    ]
    return tablib.Databook([veilige_dataset(blad) for blad in bladen])


def ja_nee(waarde):
    """Een vinkje als "ja" of "nee" (een werkblad heeft geen vinkjes)."""
    return "ja" if waarde else "nee"


def agendablad(stuk):
    """De agenda zoals het stuk haar toont (Stuk.agenda: in de openbare versie zonder de
    interne punten): nummer, punt, toelichting, of het punt voor de Driehoek BES is en, in de
    interne versie, of het intern is."""
    kop = ["Nr.", "Agendapunt", "Toelichting", "Voor de Driehoek BES"]
    blad = tablib.Dataset(headers=kop if stuk.openbaar else [*kop, "Intern"], title="Agenda")
    for nummer, punt in enumerate(stuk.agenda, start=1):
        rij = [nummer, punt.titel, punt.toelichting, ja_nee(punt.voor_driehoek)]
        blad.append(rij if stuk.openbaar else [*rij, ja_nee(punt.intern)])
    return blad


def notitiesblad(stuk):
    """De interne notities van de vergadering (alleen voor de interne versie): één cel met de
    tekst zoals hij is ingevoerd, of leeg zonder notities."""
    blad = tablib.Dataset(headers=["Interne notities"], title="Interne notities")
    blad.append([stuk.vergadering.interne_notities])
    return blad


def prioriteitenblad(stuk):
    """Per prioriteit: naam, stoplicht en het aantal maatregelen per status (een kolom per
    Maatregel.Status, in de volgorde van de keuzelijst)."""
    statussen = [label for label, _, _ in stuk.prioriteiten[0].telling] if stuk.prioriteiten else []
    blad = tablib.Dataset(headers=["Prioriteit", "Stand", *statussen], title="Prioriteiten")
    for regel in stuk.prioriteiten:
        blad.append(
            [
                regel.prioriteit.naam,
                regel.stoplicht.label,
                *[aantal for _, _, aantal in regel.telling],
            ]
        )
    return blad


def lokaalblad(stuk):
    """Per gemeente de stand van de maatregelen bij haar lokale speerpunten in het plan van
    de vergadering: stoplicht en het aantal maatregelen per status (alleen statussen met
    maatregelen, als "aantal status"; issue 15, punt 12)."""
    blad = tablib.Dataset(headers=["Gemeente", "Stand", "Maatregelen"], title="Lokale speerpunten")
    for stand in stuk.lokale_stand:
        telling = ", ".join(f"{aantal} {label.lower()}" for label, _, aantal in stand.telling)
        blad.append([stand.gebied.naam, stand.stoplicht.label, telling])
    return blad


def voortgangsblad(stuk):
    """De meldingen in de periode: eerst die bij de prioriteiten, dan bij de lokale
    speerpunten (onderdeel "gemeente: speerpunt")."""
    blad = tablib.Dataset(
        headers=["Prioriteit", "Datum", "Onderwerp", "Status", "Melding", "Door"],
        title="Voortgang",
    )
    for regel in stuk.prioriteiten:
        for melding in regel.meldingen:
            blad.append(meldingrij(regel.prioriteit.naam, melding))
    for gebied, lijst in stuk.speerpunten:
        for speerpunt, melding in lijst:
            blad.append(meldingrij(f"{gebied.naam}: {speerpunt.titel}", melding))
    return blad


def meldingrij(onderdeel, melding):
    """Een rij van het werkblad Voortgang: onderdeel, datum, onderwerp, status (de tekst uit de
    keuzelijst), de melding en wie hem vastlegde (naam, anders gebruikersnaam, anders leeg)."""
    if melding.speerpunt_id:
        onderwerp = melding.speerpunt.titel
    else:
        onderwerp = (melding.maatregel or melding.doel).tekst
    auteur = melding.auteur
    door = (auteur.get_full_name() or auteur.get_username()) if auteur else ""
    return [onderdeel, melding.datum, onderwerp, melding.get_status_display(), melding.tekst, door]


BEREKEND = "berekend (verschil, procent en band) uit de cijfers van"


def opvallendblad(stuk, standdag):
    """De opvallende veranderingen per gemeente; verandering in hele procenten. De kolom Bron
    zegt dat verschil, procent en band berekend zijn en uit welke bronnen (issue 15, punt 6).
    Daarna de status (Cijfer.Status-waarde: voorlopig of definitief) van het aantal van de
    vorige en van de nieuwste periode (voorlopig als een jaar of maand ervan het is; dan is ook
    de verandering voorlopig) en of de nieuwste periode meer dan een jaar voor de standdag
    eindigt ("ja: " met de reden, of "nee"; stuk.Opvallend.is_oud), zoals het HTML-stuk de
    rij markeert. Getallen blijven getallen, dus het * staat in de statuskolommen."""
    blad = tablib.Dataset(
        headers=["Gebied", "Categorie", "Vorige periode", "Aantal vorige periode",
                 "Nieuwste periode", "Aantal nieuwste periode", "Verschil", "Verandering (%)",
                 "Band", "Bron", "Status vorige periode", "Status nieuwste periode",
                 f"Oud (eindigt meer dan een jaar voor {standdag.datum:%d-%m-%Y})"],
        title="Opvallende veranderingen",
    )  # fmt: skip
    for gemeente in stuk.gemeenten_op(standdag):
        for rij in gemeente.rijen:
            verandering = rij.verandering
            blad.append(
                [verandering.gebied.naam, verandering.categorie.naam, verandering.vorige_periode,
                 verandering.oud, verandering.nieuwe_periode, verandering.nieuw, verandering.verschil,
                 verandering.procent, verandering.band,
                 f"{BEREKEND} {'; '.join(verandering.bronnen) or 'het dashboard'}",
                 status(verandering.oud_voorlopig), status(verandering.nieuw_voorlopig),
                 f"ja: {verandering.oud_uitleg}" if rij.oud else "nee"]
            )  # fmt: skip
    return blad


def status(voorlopig):
    """De Cijfer.Status-waarde van een aantal: voorlopig of definitief (geheim komt in een
    vergelijking niet voor: een geheim deel geeft geen vergelijking)."""
    return Cijfer.Status.VOORLOPIG.value if voorlopig else Cijfer.Status.DEFINITIEF.value


def nieuwe_cijfersblad(stuk):
    """De afzonderlijke nieuwe of gewijzigde cijfers (tot MAX_IN_XLSX), elk één keer
    (NieuwCijfer): aantal en status (Cijfer.Status-waarde) op de vergaderdag, leeg als het
    cijfer toen verwijderd was; vastgelegd op (de laatste keer in de periode) in de
    tijdzone van het dashboard (dd-mm-jjjj uu:mm). De kolom Bron is de reden die de import
    of het beheer vastlegde (een import noemt daar zijn bron, cijfers/importeren/schrijven.py);
    zonder reden: "beheer". Daarna de wijziging (stuk.Wijziging) en aantal en status bij het
    begin van de periode ("was"; leeg voor een nieuw cijfer)."""
    blad = tablib.Dataset(
        headers=["Gebied", "Categorie", "Periode", "Aantal", "Status", "Vastgelegd op", "Bron",
                 "Wijziging", "Aantal bij begin periode", "Status bij begin periode"],
        title="Nieuwe cijfers",
    )  # fmt: skip
    for cijfer in stuk.geimporteerd:
        weg = cijfer.verwijderd
        blad.append(
            [cijfer.gebied.naam, cijfer.categorie.naam, cijfer.periode,
             None if weg else cijfer.waarde, "" if weg else cijfer.status,
             timezone.localtime(cijfer.vastgelegd_op).strftime("%d-%m-%Y %H:%M"),
             cijfer.reden or "beheer (zonder reden)", cijfer.wijziging.label,
             cijfer.was_waarde, cijfer.was_status]
        )  # fmt: skip
    return blad


def driehoekblad(stuk):
    """De punten voor de Driehoek BES met hun toelichting."""
    blad = tablib.Dataset(headers=["Punt", "Toelichting"], title="Driehoek BES")
    for punt in stuk.driehoek:
        blad.append([punt.titel, punt.toelichting])
    return blad
