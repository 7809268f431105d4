import django.db.models.deletion
from django.db import migrations, models


def translators_stop_publishing(apps, schema_editor):
    """Translations go live through review (knowledge.languages.review): translator groups
    lose the publish permission cms.roles used to give them on their language's home page.
    Done once here, so that a publish permission an administrator gives later stays."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name__startswith="Translators: ",
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0008_related_initiatives"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslationReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation review task",
                "verbose_name_plural": "translation review tasks",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(translators_stop_publishing, migrations.RunPython.noop),
    ]
