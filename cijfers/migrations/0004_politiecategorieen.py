"""De soorten misdrijf uit de open data van de politie, met de standaardkoppeling.

Bestaan de categorieën nog niet (een nieuwe database: de brongegevens komen na de migraties),
dan koppelt cijfers/apps.py ze zodra de categorieën geladen worden.
"""

from django.db import migrations

from cijfers.politie import zorg_voor_soorten


def maak_soorten(apps, schema_editor):
    zorg_voor_soorten(apps.get_model("cijfers", "PolitieCategorie"), apps.get_model("cijfers", "Categorie"))


def verwijder_soorten(apps, schema_editor):
    apps.get_model("cijfers", "PolitieCategorie").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cijfers", "0003_import_bevolking_politie"),
    ]

    operations = [
        migrations.RunPython(maak_soorten, verwijder_soorten),
    ]
