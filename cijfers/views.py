import csv

from django.http import StreamingHttpResponse

from cijfers.models import Cijfer

CSV_KOLOMMEN = ["gebied", "categorie", "jaar", "periode", "waarde", "bron", "status", "eenheid"]


class _Echo:
    def write(self, value):
        return value


def cijfer_rijen(cijfers):
    """De cijfers als rijen in lang formaat; een geheim cijfer heeft een lege waarde."""
    yield CSV_KOLOMMEN
    for c in cijfers:
        yield [
            c.gebied.naam,
            c.categorie.naam,
            c.jaar,
            c.periode,
            "" if c.waarde is None else c.waarde,
            c.bron.titel,
            c.status,
            c.categorie.get_eenheid_display(),
        ]


def data_csv(request):
    """Alle opgeslagen cijfers in lang formaat (UTF-8, komma's), één rij per aantal."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    cijfers = Cijfer.objects.voor_export().iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        (writer.writerow(rij) for rij in cijfer_rijen(cijfers)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ivp-bes-cijfers.csv"'
    return response
