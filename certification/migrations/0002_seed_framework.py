"""Load the certification stages and criteria, the global committee and the tools library in
every content language."""

from django.conf import settings
from django.db import migrations

from certification.seed import seed_framework


def seed(apps, schema_editor):
    seed_framework(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("certification", "CertificationStage"),
        apps.get_model("certification", "Criterion"),
        apps.get_model("certification", "CertifyingBody"),
        apps.get_model("certification", "Tool"),
        [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0001_initial"),
        ("pages", "0002_locales_and_home_pages"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
