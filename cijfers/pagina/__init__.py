"""Paginabouwers voor de cijferpagina's: van opgehaalde gegevens naar tabellen en grafieken.

Geen request en geen query: de views (cijfers/views.py) lezen de querystring met
`keuze.keuze_uit`, halen de gegevens op en geven gewone waarden door. Elke bouwer geeft een
dataclass terug. De tabellen komen eerst (een exportverzoek wordt daarmee beantwoord); de
grafieken pas daarna, met de functies `met_...grafiek(en)`.

- `keuze`: de keuzes uit de querystring (jaren, categorieën, gebieden, sortering, export).
- `reeksen`: wat alle pagina's delen: jaarcijfers, de trendpijplijn, per 1.000 inwoners.
- `gebied`: de gebiedspagina (trend, vergelijking van de gemeenten, beleving, speerpunten).
- `overzichten`: de categoriepagina en de verkenner.
"""
