"""A view restriction on any translation of a page applies to all of its translations."""

import importlib

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

import pytest

from pages.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def translate(page, code, publish=True):
    """Translate `page` into `code` with wagtail-localize, and publish the translation."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    locale = Locale.objects.get(language_code=code)
    translation = Translation.objects.create(source=source, target_locale=locale)
    translation.save_target(publish=False)
    target = Page.objects.get(translation_key=page.translation_key, locale=locale)
    if publish:
        target.get_latest_revision().publish()
    return target.specific


@pytest.fixture
def about(homes):
    """A live standard page in English, translated into French and Arabic."""
    english = StandardPageFactory(parent=homes["en"], title="About us", slug="about-us")
    for code in ("fr", "ar"):
        translate(english, code)
    return {
        page.locale.language_code: page
        for page in StandardPage.objects.filter(translation_key=english.translation_key)
    }


def restrictions(page):
    return [
        (r.restriction_type, r.password, sorted(r.groups.values_list("name", flat=True)))
        for r in PageViewRestriction.objects.filter(page=page)
    ]


def privacy(admin_client, page, **data):
    return admin_client.post(f"/admin/pages/{page.pk}/privacy/", data)


def test_a_restriction_set_in_the_admin_covers_every_translation(admin_client, about, client):
    response = privacy(admin_client, about["en"], restriction_type="login")
    assert response.status_code == 200

    for code in ("en", "fr", "ar"):
        assert about[code].live
        assert restrictions(about[code]) == [("login", "", [])]
        assert client.get(about[code].url).status_code == 302  # to the sign-in page
        assert client.get(f"/api/v2/pages/{about[code].pk}/").status_code == 404
    assert not StandardPage.objects.live().public().filter(pk=about["fr"].pk).exists()


def test_changing_and_removing_it_on_a_translation_changes_every_language(admin_client, about):
    privacy(admin_client, about["fr"], restriction_type="password", password="s3cret")
    assert restrictions(about["en"]) == restrictions(about["ar"]) == [("password", "s3cret", [])]

    moderators = Group.objects.get(name="Moderators")
    privacy(admin_client, about["ar"], restriction_type="groups", groups=[moderators.pk])
    assert (
        restrictions(about["en"]) == restrictions(about["fr"]) == [("groups", "", ["Moderators"])]
    )

    privacy(admin_client, about["en"], restriction_type="none")
    assert restrictions(about["fr"]) == restrictions(about["ar"]) == []
    assert StandardPage.objects.live().public().filter(pk=about["ar"].pk).exists()


def test_restriction_rows_are_kept_so_entered_passwords_stay_valid(admin_client, about):
    privacy(admin_client, about["en"], restriction_type="password", password="one")
    french = PageViewRestriction.objects.get(page=about["fr"]).pk

    privacy(admin_client, about["en"], restriction_type="password", password="two")

    assert PageViewRestriction.objects.get(page=about["fr"]).pk == french
    assert restrictions(about["fr"]) == [("password", "two", [])]


def test_a_private_ancestor_makes_translated_descendants_private(homes, client):
    english = StandardPageFactory(parent=homes["en"], title="Members", slug="members")
    child = StandardPageFactory(parent=english, title="Minutes", slug="minutes")
    translate(english, "fr")
    french_child = translate(child, "fr")
    assert french_child.get_parent().locale.language_code == "fr"

    PageViewRestriction.objects.create(page=english, restriction_type="login")

    assert client.get(french_child.url).status_code == 302
    assert not Page.objects.live().public().filter(pk=french_child.pk).exists()


def test_a_translation_made_later_starts_private(homes):
    english = StandardPageFactory(parent=homes["en"], title="Internal", slug="internal")
    PageViewRestriction.objects.create(page=english, restriction_type="password", password="pw")

    spanish = translate(english, "es")

    assert restrictions(spanish) == [("password", "pw", [])]


def test_deleting_a_translation_leaves_the_others_private(admin_client, about):
    privacy(admin_client, about["en"], restriction_type="login")

    about["fr"].delete()

    assert restrictions(about["en"]) == restrictions(about["ar"]) == [("login", "", [])]


def test_the_migration_copies_existing_restrictions_to_translations(about):
    # As a database made before this rule: a restriction on the English page only.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=about["en"], restriction_type="login")]
    )
    assert restrictions(about["fr"]) == []

    name = "0005_view_restrictions_follow_translations"
    historical = MigrationLoader(connection).project_state(("pages", name)).apps
    importlib.import_module(f"pages.migrations.{name}").copy_to_translations(historical, None)

    assert restrictions(about["fr"]) == restrictions(about["ar"]) == [("login", "", [])]


def test_visitors_sign_in_or_give_the_password_in_their_language(about, client):
    PageViewRestriction.objects.create(page=about["en"], restriction_type="login")
    response = client.get(about["fr"].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")
    assert client.get(response["Location"]).status_code == 200

    PageViewRestriction.objects.filter(page__in=about.values()).update(
        restriction_type="password", password="s3cret"
    )
    form = client.get(about["ar"].url)
    assert form.status_code == 200
    action = form.context["action_url"]
    assert action.startswith("/ar/_util/authenticate_with_password/")
    wrong = client.post(action, {"password": "nope", "return_url": about["ar"].url})
    assert wrong.status_code == 200 and about["ar"].title not in wrong.content.decode()
    right = client.post(action, {"password": "s3cret", "return_url": about["ar"].url})
    assert right.status_code == 302
    assert client.get(about["ar"].url).status_code == 200
