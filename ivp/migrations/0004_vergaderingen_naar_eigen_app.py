# Vergadering en Agendapunt (met hun geschiedenis) verhuizen naar de app vergaderingen.
# Alleen de staat: de tabellen blijven staan; vergaderingen 0001 neemt ze over en hernoemt ze.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ivp', '0003_vergaderingen'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='HistoricalAgendapunt'),
                migrations.DeleteModel(name='Agendapunt'),
                migrations.DeleteModel(name='HistoricalVergadering'),
                migrations.DeleteModel(name='Vergadering'),
            ],
            database_operations=[],
        ),
    ]
