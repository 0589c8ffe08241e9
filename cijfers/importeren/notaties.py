"""Notaties van echte gereedschappen: perioden en aantallen zoals CBS, StatLine en Excel ze schrijven.

Perioden (politieperiode in kolommen.py leest eerst de gewone vormen en daarna deze):

- StatLine-labels van halfjaren en kwartalen: `2024 1e halfjaar`, `2024 2e kwartaal`;
- wat Nederlandse Excel van `2024-01` maakt: `jan-24` of `jan-2024` (opmaak mmm-jj) en
  `1-1-2024` (opmaak d-m-jjjj, altijd de eerste van de maand); een Excel-datumnummer (45292).

Wat ondubbelzinnig is, wordt gelezen; de rest krijgt een reden die zegt wat er gebeurd is en
wat de gebruiker kan doen. Kwartalen kent Cijfer niet (periode: jaar, halfjaar of maand):
die worden met een reden geweigerd, in de code- en in de labelvariant.

Aantallen: de labeldownload van StatLine schrijft duizendtallen met een punt of een (harde)
spatie (`1.234`, `1 234`); pandas en Excel schrijven ontbrekend als `NA`, `NaN` of `#N/B`.
Bron van de tekens: CBS, "Verklaring van symbolen" bij elke StatLine-tabel
(`.` gegevens ontbreken, `x` geheim, `-` nihil, `*` voorlopig, `**` nader voorlopig).
"""

import datetime
import re

MAANDNAMEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
# Afkortingen van maanden zoals Excel ze toont (Nederlands en Engels) -> maandnummer.
MAANDAFKORTINGEN = {
    **{naam[:3]: nummer for nummer, naam in enumerate(MAANDNAMEN, start=1)},
    "mrt": 3, "mar": 3, "may": 5, "oct": 10,
}  # fmt: skip
HALFJAAR_LABEL = re.compile(r"^(\d{4})\s+(1e|2e|eerste|tweede)\s+halfjaar\s*(\*{1,2})?$", re.I)
KWARTAAL_LABEL = re.compile(
    r"^(\d{4})\s+(1e|2e|3e|4e|eerste|tweede|derde|vierde)\s+kwartaal\s*(\*{1,2})?$", re.I
)
EXCEL_MAAND = re.compile(r"^([a-z]{3})-(\d{2}|\d{4})$", re.I)
EXCEL_DATUM = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
EXCEL_DATUMNUMMER = re.compile(r"^\d{5}$")
# Een datum uit een .xlsx (lezen._cel: datetime.isoformat) of een ISO-datum.
ISO_DATUM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")
EXCEL_NUL = datetime.date(1899, 12, 30)  # dag 0 van de datumnummers van Excel (Windows)
RANGTELWOORDEN = {"1e": 1, "2e": 2, "3e": 3, "4e": 4, "eerste": 1, "tweede": 2, "derde": 3,
                  "vierde": 4}  # fmt: skip
KWARTAAL = (
    "Kwartaalcijfers worden niet opgeslagen: het dashboard kent jaren, halfjaren en maanden. "
    "Download de tabel opnieuw met maanden of jaren als perioden."
)
# Een eenheid onder of in de kopregel (StatLine: "aantal", "per 1 000 inwoners", "x 1 000").
EENHEID = re.compile(
    r"^(aantal|aantallen|absoluut|%|procent|per 1[ .]?000( inwoners)?|x ?1[ .]?000)$", re.I
)
# Duizendtallen zoals de labeldownload ze schrijft: 1.234, 1 234 (ook met een harde spatie).
DUIZENDTALLEN = re.compile(r"^\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\1\d{3})*$")
# Ontbrekend zoals pandas, R en Excel het schrijven; nooit 0.
ONTBREKEND = frozenset({"na", "nan", "n/a", "<na>", "null", "none"})
EXCEL_FOUT = re.compile(
    r"^#(N/B|N/A|WAARDE!|VALUE!|DEEL/0!|DIV/0!|VERW!|REF!|NAAM\?|NAME\?|GETAL!|NUM!|LEEG!|NULL!)$",
    re.I,
)


def maandperiode(jaar, maand):
    """(jaar, '2024-03', False): de uitkomst van een maand zoals politieperiode hem geeft."""
    return jaar, f"{jaar}-{maand:02d}", False


def label_of_excel(tekst):
    """Een halfjaar- of kwartaallabel of een Excel-datum -> (jaar, periode, voorlopig), een
    reden (str) of None als de tekst geen van deze notaties is.

    `2024 1e halfjaar` -> (2024, '2024-H1', False); `2024 2e kwartaal` -> KWARTAAL;
    `jan-24`, `jan-2024`, `1-1-2024`, `2024-01-01` -> (2024, '2024-01', False); `15-3-2024`,
    `2024-03-15T00:00:00` (een datum uit een .xlsx) en
    `3/1/2024` -> een reden; `45292` (Excel-datumnummer) -> een reden met de datum.
    """
    halfjaar = HALFJAAR_LABEL.match(tekst)
    if halfjaar:
        nummer = RANGTELWOORDEN[halfjaar.group(2).lower()]
        jaar = int(halfjaar.group(1))
        return jaar, f"{jaar}-H{nummer}", bool(halfjaar.group(3))
    if KWARTAAL_LABEL.match(tekst):
        return KWARTAAL
    maand = EXCEL_MAAND.match(tekst)
    if maand:
        nummer = MAANDAFKORTINGEN.get(maand.group(1).lower())
        if nummer is None:
            return None
        jaar = int(maand.group(2))
        return maandperiode(jaar + 2000 if jaar < 100 else jaar, nummer)
    iso = ISO_DATUM.match(tekst)
    if iso:
        return _excel_datum(int(iso.group(3)), "-", int(iso.group(2)), int(iso.group(1)))
    datum = EXCEL_DATUM.match(tekst)
    if datum:
        return _excel_datum(int(datum.group(1)), datum.group(2), int(datum.group(3)),
                            int(datum.group(4)))  # fmt: skip
    if EXCEL_DATUMNUMMER.match(tekst):
        dag = EXCEL_NUL + datetime.timedelta(days=int(tekst))
        return (
            f"Dit lijkt een datumnummer van Excel ({tekst} = {dag.day}-{dag.month}-{dag.year}): "
            "de cel is als getal opgeslagen. Geef de kolom in Excel de opmaak Tekst en typ de "
            "periode opnieuw, bijvoorbeeld 2024-01."
        )
    return None


def _excel_datum(eerste, scheiding, tweede, jaar):
    """d-m-jjjj (Nederlandse Excel) of met schuine strepen (ook m/d/jjjj mogelijk)."""
    waarschuwing = (
        " Excel heeft de periode als datum opgeslagen; geef de kolom de opmaak Tekst en typ "
        "de periode als 2024-01 (maand), 2024-H1 (halfjaar) of 2024 (jaar)."
    )
    if scheiding == "/" and (eerste, tweede) != (1, 1):
        return (
            f"Onduidelijke datum: {eerste}/{tweede}/{jaar} kan dag/maand of maand/dag zijn."
            + waarschuwing
        )
    if not (1 <= tweede <= 12 and 1 <= eerste <= 31):
        return f"Geen geldige datum: {eerste}{scheiding}{tweede}{scheiding}{jaar}." + waarschuwing
    if eerste != 1:
        return (
            f"Een datum ({eerste} {MAANDNAMEN[tweede - 1]} {jaar}), geen maand: een periode is "
            "een jaar, halfjaar of maand." + waarschuwing
        )
    return maandperiode(jaar, tweede)


def duizendtallen(tekst):
    """'1.234' of '1 234' (duizendtalscheiding van de labeldownload) -> 1234, anders None.

    Alleen groepen van precies drie cijfers met steeds hetzelfde teken; '1.23' of '12.3456'
    is geen duizendtal.
    """
    if DUIZENDTALLEN.match(tekst):
        return int(re.sub(r"\D", "", tekst))
    return None


def is_ontbrekend(tekst):
    """True voor NA, NaN, N/A, <NA>, NULL en None (pandas, R, databases): het cijfer ontbreekt."""
    return tekst.lower() in ONTBREKEND


def is_excel_fout(tekst):
    """True voor een foutwaarde van Excel (#N/B, #WAARDE!, #DEEL/0! en de Engelse namen)."""
    return bool(EXCEL_FOUT.match(tekst))
