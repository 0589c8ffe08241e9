"""Wie mag wat: één plek voor de rechten, gebruikt door de site én het beheer.

Lezen mag iedereen. Bewerken:
- beheerder (is_superuser) en voorzitter AVO BES: alles;
- adviseur: de gezamenlijke prioriteiten (met hun doelen, maatregelen en voortgang) en de
  lokale speerpunten van de eigen gemeenten; cijfers importeren; een toelichting bij de
  cijfers van de eigen gemeenten schrijven, wijzigen en intrekken (`mag_toelichten`);
- iedereen anders: niets.
"""

from ivp.models import Profiel


def profiel(user):
    """Het profiel van een ingelogde gebruiker, of None (één query, daarna gecachet)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profiel
    except Profiel.DoesNotExist:
        return None


def mag_alles(user):
    """Beheerder of voorzitter AVO BES (actief): mag alles bewerken."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    eigen = profiel(user)
    return eigen is not None and eigen.rol == Profiel.Rol.VOORZITTER


def is_adviseur(user):
    """Adviseur, voorzitter of beheerder: wie voortgang vastlegt en cijfers importeert."""
    return mag_alles(user) or (
        user.is_authenticated and user.is_active and profiel(user) is not None
    )


def eigen_gemeente_ids(user):
    """De Gebied-id's van de gemeenten in het profiel (een set; gecachet op het profiel)."""
    eigen = profiel(user)
    if eigen is None:
        return set()
    if not hasattr(eigen, "_gemeente_ids"):
        eigen._gemeente_ids = set(eigen.gemeenten.values_list("pk", flat=True))
    return eigen._gemeente_ids


def mag_bewerken(user, obj):
    """Mag deze gebruiker dit onderwerp (prioriteit, speerpunt, doel, maatregel, voortgang)
    bewerken of er voortgang bij vastleggen?"""
    if mag_alles(user):
        return True
    if not is_adviseur(user):
        return False
    gebied_id = lokaal_gebied_id(obj)
    return gebied_id is None or gebied_id in eigen_gemeente_ids(user)


def mag_importeren(user):
    """Cijfers importeren: adviseurs, voorzitter en beheerders."""
    return is_adviseur(user)


def mag_vergaderingen_plannen(user):
    """Vergaderingen plannen: adviseurs, voorzitter en beheerders."""
    return is_adviseur(user)


def mag_toelichten(user, gebied_id):
    """Mag deze gebruiker bij de cijfers van het gebied `gebied_id` (Gebied-id van een gemeente
    of basisteam) een toelichting schrijven, wijzigen of intrekken (issue 17)?

    Een adviseur alleen bij de gemeenten in zijn profiel; een basisteam staat daar niet in,
    dus het basisteam is voor de voorzitter (en een beheerder): `mag_alles`. Anders dan
    `mag_bewerken` is een toelichting nooit gezamenlijk: zonder gebied mag alleen `mag_alles`.
    """
    if mag_alles(user):
        return True
    return is_adviseur(user) and gebied_id is not None and gebied_id in eigen_gemeente_ids(user)


def lokaal_gebied_id(obj):
    """De gemeente (Gebied-id) van een lokaal onderwerp, of None voor een gezamenlijk onderwerp.

    Elk onderwerp zegt het zelf met een attribuut `gemeente_id` (zie prioriteiten.models);
    een object zonder dat attribuut is gezamenlijk. Zo kent ivp geen model van een app.
    """
    return getattr(obj, "gemeente_id", None)
