# Vergadering en Agendapunt (met hun geschiedenis) komen uit de app ivp (ivp 0003), met hun
# gegevens: eerst neemt de staat de bestaande tabellen ivp_* over, dan krijgen die tabellen,
# de unieke sleutel en de inhoudstypen (waar de rechten en de beheerlog aan hangen) de naam
# van deze app. Werkt op SQLite en PostgreSQL; getest in tests/test_migratie_vergaderingen.py.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELLEN = ['vergadering', 'agendapunt', 'historicalvergadering', 'historicalagendapunt']


def verhuis_inhoudstypen(van, naar):
    """De inhoudstypen van de vier modellen gaan van app `van` naar app `naar`, met hun id:
    de rechten van groepen en gebruikers en de beheerlog blijven eraan hangen. Heeft post_migrate
    intussen al een inhoudstype in `naar` gemaakt, dan wijkt dat (met zijn nog niet toegekende
    standaardrechten) voor het oude."""

    def verhuis(apps, schema_editor):
        from django.contrib.contenttypes.models import ContentType as Inhoudstypecache

        ContentType = apps.get_model('contenttypes', 'ContentType')
        inhoudstypen = ContentType.objects.using(schema_editor.connection.alias)
        for model in MODELLEN:
            oud = inhoudstypen.filter(app_label=van, model=model).first()
            if oud is None:
                continue
            inhoudstypen.filter(app_label=naar, model=model).delete()
            oud.app_label = naar
            oud.save(update_fields=['app_label'])
        Inhoudstypecache.objects.clear_cache()

    return verhuis


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('ivp', '0004_vergaderingen_naar_eigen_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalVergadering',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('datum', models.DateField(verbose_name='datum')),
                        ('aanvang', models.TimeField(blank=True, null=True, verbose_name='aanvang')),
                        ('locatie', models.CharField(blank=True, max_length=200, verbose_name='locatie')),
                        ('interne_notities', models.TextField(blank=True, help_text='Alleen voor de ambtelijke versie; niet in het openbare stuk voor de raad.', verbose_name='interne notities')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('aangemaakt_door', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gepland door')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('overleg', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ivp.overleg', verbose_name='overleg')),
                    ],
                    options={
                        'verbose_name': 'historical vergadering',
                        'verbose_name_plural': 'historical vergaderingen',
                        'db_table': 'ivp_historicalvergadering',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Vergadering',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('datum', models.DateField(verbose_name='datum')),
                        ('aanvang', models.TimeField(blank=True, null=True, verbose_name='aanvang')),
                        ('locatie', models.CharField(blank=True, max_length=200, verbose_name='locatie')),
                        ('interne_notities', models.TextField(blank=True, help_text='Alleen voor de ambtelijke versie; niet in het openbare stuk voor de raad.', verbose_name='interne notities')),
                        ('aangemaakt_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gepland door')),
                        ('overleg', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vergaderingen', to='ivp.overleg', verbose_name='overleg')),
                    ],
                    options={
                        'verbose_name': 'vergadering',
                        'verbose_name_plural': 'vergaderingen',
                        'db_table': 'ivp_vergadering',
                        'ordering': ['datum', 'aanvang'],
                        'constraints': [models.UniqueConstraint(fields=('overleg', 'datum'), name='ivp_vergadering_overleg_datum', violation_error_message='Er is al een vergadering van dit overleg op deze datum.')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAgendapunt',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('volgorde', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                        ('titel', models.CharField(max_length=200, verbose_name='titel')),
                        ('toelichting', models.TextField(blank=True, verbose_name='toelichting')),
                        ('voor_driehoek', models.BooleanField(default=False, help_text="Komt in het stuk onder 'Punten voor de Driehoek BES'.", verbose_name='punt voor de Driehoek BES')),
                        ('intern', models.BooleanField(default=False, help_text='Niet in het openbare stuk voor de raad.', verbose_name='intern')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('vergadering', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='vergaderingen.vergadering')),
                    ],
                    options={
                        'verbose_name': 'historical agendapunt',
                        'verbose_name_plural': 'historical agendapunten',
                        'db_table': 'ivp_historicalagendapunt',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Agendapunt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('volgorde', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                        ('titel', models.CharField(max_length=200, verbose_name='titel')),
                        ('toelichting', models.TextField(blank=True, verbose_name='toelichting')),
                        ('voor_driehoek', models.BooleanField(default=False, help_text="Komt in het stuk onder 'Punten voor de Driehoek BES'.", verbose_name='punt voor de Driehoek BES')),
                        ('intern', models.BooleanField(default=False, help_text='Niet in het openbare stuk voor de raad.', verbose_name='intern')),
                        ('vergadering', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agendapunten', to='vergaderingen.vergadering')),
                    ],
                    options={
                        'verbose_name': 'agendapunt',
                        'verbose_name_plural': 'agendapunten',
                        'db_table': 'ivp_agendapunt',
                        'ordering': ['vergadering', 'volgorde', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        # De tabellen krijgen de naam van deze app (ALTER TABLE ... RENAME: rijen, id's en
        # verwijzingen blijven).
        migrations.AlterModelTable(name='vergadering', table=None),
        migrations.AlterModelTable(name='agendapunt', table=None),
        migrations.AlterModelTable(name='historicalvergadering', table=None),
        migrations.AlterModelTable(name='historicalagendapunt', table=None),
        migrations.RemoveConstraint(model_name='vergadering', name='ivp_vergadering_overleg_datum'),
        migrations.AddConstraint(
            model_name='vergadering',
            constraint=models.UniqueConstraint(fields=('overleg', 'datum'), name='vergaderingen_vergadering_overleg_datum', violation_error_message='Er is al een vergadering van dit overleg op deze datum.'),
        ),
        migrations.RunPython(verhuis_inhoudstypen('ivp', 'vergaderingen'), verhuis_inhoudstypen('vergaderingen', 'ivp')),
    ]
