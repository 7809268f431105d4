"""A view restriction on any translation of a page applies to all of them (cms.privacy): copy
the restrictions that exist to the translations that have none."""

from django.db import migrations


def copy_to_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    restricted = {}
    for restriction in PageViewRestriction.objects.select_related("page").order_by("pk"):
        restricted.setdefault(restriction.page.translation_key, restriction)
    for key, restriction in restricted.items():
        groups = list(restriction.groups.all())
        for page in Page.objects.filter(translation_key=key, view_restrictions__isnull=True):
            copy = PageViewRestriction.objects.create(
                page=page,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            copy.groups.set(groups)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_editorial_pages"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(copy_to_translations, migrations.RunPython.noop)]
