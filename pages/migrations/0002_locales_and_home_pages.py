"""Create a Locale for each UN language and a home page in each, all translations of one another.

The English home page is the default site's root; Wagtail serves the other languages' homes
through `Site.root_page.localized`.
"""

import uuid

from django.db import migrations
from django.utils import timezone

HOME_PAGES = [
    # language code, slug, title
    ("en", "home", "Urban SDG Knowledge Platform"),
    ("ar", "home-ar", "منصة المعرفة الحضرية لأهداف التنمية المستدامة"),
    ("zh-hans", "home-zh-hans", "城市可持续发展目标知识平台"),
    ("fr", "home-fr", "Plateforme de connaissances urbaines sur les ODD"),
    ("ru", "home-ru", "Платформа знаний о городских ЦУР"),
    ("es", "home-es", "Plataforma de conocimiento urbano sobre los ODS"),
]


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")

    # Remove Wagtail's "Welcome to your new Wagtail site!" page (its Site goes with it).
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="pages", model="homepage")
    root = Page.objects.get(depth=1)
    translation_key = uuid.uuid4()
    now = timezone.now()
    homes = {}
    for position, (code, slug, title) in enumerate(HOME_PAGES, start=1):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        homes[code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=home_type,
            path=f"{root.path}{position:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locale,
            translation_key=translation_key,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
    root.numchild = len(HOME_PAGES)
    root.save(update_fields=["numchild"])

    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Urban SDG Knowledge Platform",
        root_page=homes["en"],
        is_default_site=True,
    )


def remove_home_pages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("pages.HomePage")
    HomePage.objects.filter(depth=2).delete()
    Locale.objects.exclude(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_home_pages, remove_home_pages),
    ]
