"""Load the 17 SDGs, the 169 targets and the seed themes in every content language."""

from django.conf import settings
from django.db import migrations

from knowledge.taxonomy.data import sync_taxonomies


def seed(apps, schema_editor):
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    sync_taxonomies(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("knowledge", "SustainableDevelopmentGoal"),
        apps.get_model("knowledge", "SDGTarget"),
        apps.get_model("knowledge", "Theme"),
        languages,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
