"""Eenheid "incidenten" voor autokraak, huiselijk geweld en zakkenrollen, zoals IVP BES
2019-2022 §8.1 ze noemt (regel 748 van de brontekst: "Het aantal incidenten autokraak, huiselijk
geweld, zakkenrollen en meldingen jeugdoverlast"); issue 15, punt 8."""

from django.db import migrations, models

INCIDENTEN = ["autokraak", "huiselijk-geweld", "zakkenrollen"]


def naar_incidenten(apps, schema_editor):
    Categorie = apps.get_model("cijfers", "Categorie")
    Categorie.objects.filter(slug__in=INCIDENTEN, eenheid="misdrijven").update(
        eenheid="incidenten"
    )  # de gegevensversie verhoogt post_migrate na afloop (ivp.gegevensversie.na_migrate)


def terug(apps, schema_editor):
    Categorie = apps.get_model("cijfers", "Categorie")
    Categorie.objects.filter(slug__in=INCIDENTEN, eenheid="incidenten").update(
        eenheid="misdrijven"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cijfers", "0013_toelichting"),
    ]

    operations = [
        migrations.AlterField(
            model_name="categorie",
            name="eenheid",
            field=models.CharField(
                choices=[
                    ("misdrijven", "geregistreerde misdrijven"),
                    ("incidenten", "incidenten"),
                    ("meldingen", "meldingen"),
                ],
                default="misdrijven",
                max_length=20,
                verbose_name="eenheid",
            ),
        ),
        migrations.RunPython(naar_incidenten, terug),
    ]
