"""Kleine Nederlandse tekstregels die elke pagina gebruikt: een opsomming en een telwoord."""

# Kleine aantallen voluit in lopende tekst, zoals "de vijf gemeenten" (een keuze van de
# pagina's, geen regel van een bron); vanaf dertien in cijfers.
TELWOORDEN = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht",
              9: "negen", 10: "tien", 11: "elf", 12: "twaalf"}  # fmt: skip


def opsomming(namen):
    """Een Nederlandse opsomming van `namen` (een iterable van tekst): '' zonder namen, 'a',
    'a en b', 'a, b en c'."""
    namen = list(namen)
    if len(namen) <= 1:
        return "".join(namen)
    return f"{', '.join(namen[:-1])} en {namen[-1]}"


def telwoord(aantal):
    """Het aantal (int) als telwoord voor lopende tekst ('vijf'), boven twaalf in cijfers
    ('13')."""
    return TELWOORDEN.get(aantal, str(aantal))
