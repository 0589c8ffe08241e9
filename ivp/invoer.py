"""Wat in geen enkele querystring thuishoort, weigert het dashboard vóór elke view."""

from django.core.exceptions import BadRequest


class GeenNulteken:
    """Middleware: een querystring met een nulteken (%00) krijgt de Nederlandse 400-pagina.

    Geen parameter van het dashboard (jaren, slugs, zoekvragen) kan een nulteken bevatten, en
    PostgreSQL weigert het in elke tekst ("A string literal cannot contain NUL"): zonder deze
    controle werd zo'n link op de verkenner en de categoriepagina een serverfout (500). Django's
    formulieren weigeren het nulteken al in tekstvelden (ProhibitNullCharactersValidator); dit
    dekt de parameters die niet door een tekstveld gaan (slugs voor een queryset, ?q=).

    Raises:
        BadRequest: als een sleutel of waarde van request.GET een nulteken bevat.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in sleutel or any("\x00" in waarde for waarde in waarden)
            for sleutel, waarden in request.GET.lists()
        ):
            raise BadRequest("Een nulteken in de querystring.")
        return self.get_response(request)
