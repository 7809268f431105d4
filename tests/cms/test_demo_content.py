"""`manage.py load_demo_content` fills every language and is idempotent."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

import pytest

from awards.models import AwardProgramme
from knowledge.models import FocalPoint
from library.models import LibraryItemPage
from pages.models import (
    HomeFeaturedInitiative,
    HomePage,
    NavigationItem,
    NavigationMenu,
    StandardPage,
    WebinarSpeaker,
)

pytestmark = pytest.mark.django_db


def test_demo_pages_exist_in_every_language(demo_content):
    assert HomePage.objects.live().count() == 6
    abouts = StandardPage.objects.live().filter(
        slug__in=["about", "a-propos", "o-platforme", "acerca-de"]
    )
    assert abouts.count() == 6
    assert StandardPage.objects.get(locale__language_code="ru", slug="o-platforme").title == (
        "О платформе"
    )


def test_translations_go_through_wagtail_localize(demo_content):
    # Translators can open them in wagtail-localize's editor and export them as PO files.
    pages = Page.objects.filter(locale__language_code="en", depth__gt=1).count()
    menus = NavigationMenu.objects.filter(locale__language_code="en").count()
    # The award programme is translated like the menus. The certification's tools came into the
    # library in six languages from their Tool rows (certification.library_tools), not through
    # wagtail-localize.
    programmes = AwardProgramme.objects.filter(locale__language_code="en").count()
    tools = LibraryItemPage.objects.filter(locale__language_code="en").exclude(code="").count()
    targets = Translation.objects.filter(enabled=True)
    assert targets.count() == (pages - tools + menus + programmes) * 5
    assert LibraryItemPage.objects.exclude(code="").count() == tools * 6
    assert {t.target_locale.language_code for t in targets} == {"ar", "zh-hans", "fr", "ru", "es"}


def test_loading_twice_changes_nothing(demo_content, django_capture_on_commit_callbacks):
    pages_before = list(Page.objects.values_list("id", "title", "slug", "live"))
    revisions_before = set(Revision.objects.values_list("id", flat=True))

    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=output)

    assert list(Page.objects.values_list("id", "title", "slug", "live")) == pages_before
    new_revisions = Revision.objects.exclude(id__in=revisions_before)
    assert [(r.content_type.model, r.object_str) for r in new_revisions] == []
    assert "translated" not in output.getvalue()


def test_child_objects_keep_their_order(demo_content):
    # Rows with no sort_order come back in any order on PostgreSQL: menus, speakers, focal
    # points and featured initiatives would be shown, and compared by the loader, reshuffled.
    for model in (NavigationItem, WebinarSpeaker, HomeFeaturedInitiative, FocalPoint):
        assert model.objects.exists(), model
        assert not model.objects.filter(sort_order=None).exists(), model
    menu = NavigationMenu.objects.get(locale__language_code="en", slot="main")
    assert [item.sort_order for item in menu.items.all()] == list(range(menu.items.count()))


def test_loading_again_restores_changed_content(demo_content, django_capture_on_commit_callbacks):
    french_home = HomePage.objects.get(locale__language_code="fr")
    french_home.intro = "Changed by hand"
    french_home.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=StringIO())

    french_home.refresh_from_db()
    assert french_home.intro.startswith("Des villes du monde entier")
