"""The national mechanisms of data/criteria.yml in every content language, and the quorum and
stages of every seeded body."""

from django.conf import settings
from django.db import migrations

from certification.seed import seed_framework, set_body_rules


def seed(apps, schema_editor):
    Body = apps.get_model("certification", "CertifyingBody")
    seed_framework(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("certification", "CertificationStage"),
        apps.get_model("certification", "Criterion"),
        Body,
        apps.get_model("certification", "Tool"),
        [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
    )
    set_body_rules(Body)


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0006_votes_quorum_bodies"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
