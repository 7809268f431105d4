"""Publishing an initiative goes through moderation for everyone but moderators and superusers.

Translators publish nothing themselves: a translation goes live when a second translator of the
language approves it (knowledge.languages.review). Never is an initiative published whose
source is declined, in moderation or unpublished, nor a translation that is itself declined or in
moderation, whatever path is taken.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from knowledge.initiatives.moderation import submit_for_moderation
from knowledge.languages.review import ReviewError, review_actions, submit_for_review
from knowledge.models import CityPage, InitiativeDecision, InitiativePage
from pages.models import EventPage
from tests.factories import InitiativePageFactory

from .members import PASSWORD, make_moderator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def translate(page, language="fr"):
    """The page's translation into `language`, made with wagtail-localize (a draft)."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    translation.save_target(publish=False)
    return InitiativePage.objects.get(
        translation_key=page.translation_key, locale=translation.target_locale
    )


def english_initiative(title, live):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    return InitiativePageFactory(
        parent=seoul, title=title, slug=title.lower().replace(" ", "-"), live=live
    )


def declined_source():
    page = english_initiative("Declined at the source", live=False)
    InitiativeDecision.objects.create(page=page, reason="Out of scope")
    return translate(page)


def source_in_moderation():
    page = english_initiative("Waiting at the source", live=False)
    submit_for_moderation(page, make_moderator("submitter"))
    return translate(page)


def unpublished_source():
    return translate(english_initiative("Never published", live=False))


def translation_in_moderation():
    french = translate(english_initiative("Live at the source", live=True))
    french.save_revision()
    submit_for_moderation(french, make_moderator("submitter"))
    return french


def declined_translation():
    french = translate(english_initiative("Declined in French", live=True))
    InitiativeDecision.objects.create(page=french, reason="Mistranslated")
    return french


def french_original():
    """An initiative a French-speaking city wrote in French: no source, its own moderation."""
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="fr")
    return InitiativePageFactory(parent=seoul, title="Écrit en français", slug="ecrit", live=False)


REFUSED = [
    declined_source,
    source_in_moderation,
    unpublished_source,
    translation_in_moderation,
    declined_translation,
    french_original,
]


def is_live(page):
    return Page.objects.get(pk=page.pk).live


@pytest.mark.parametrize("make", REFUSED)
def test_translator_may_not_publish(translator, translator_client, make, client):
    french = make()
    assert not french.permissions_for_user(translator).can_publish()

    # Wagtail's editor, wagtail-localize's editor and bulk publishing: 403, nothing published.
    for data in (
        {"action-publish": "publish", "title": "x", "slug": french.slug},
        {"action": "publish"},
    ):
        response = translator_client.post(f"/admin/pages/{french.pk}/edit/", data)
        assert response.status_code == 403
        assert not is_live(french)
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={french.pk}"
    assert translator_client.post(bulk, {"include_descendants": ""}).status_code == 403
    assert not is_live(french)
    # The revision itself, as scheduled publishing or an update of translations would publish it.
    from wagtail.actions.publish_page_revision import PublishPagePermissionError

    with pytest.raises(PublishPagePermissionError):
        french.get_latest_revision().publish(user=translator)
    assert not is_live(french)
    assert client.get(f"/api/v2/pages/{french.pk}/").status_code == 404
    # Nor through review: it cannot be submitted.
    with pytest.raises(ReviewError):
        submit_for_review(french, translator)
    assert not is_live(french)


def test_the_api_has_no_way_to_write_or_publish(translator_client):
    french = unpublished_source()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(translator_client, method)(f"/api/v2/pages/{french.pk}/")
        assert response.status_code == 405, method
        assert not is_live(french)
    # Wagtail's v3 API, which can publish, is not mounted; nothing under /api/ accepts a write.
    assert translator_client.get("/api/v3/pages/").status_code == 404
    assert translator_client.post("/api/v3/pages/").status_code == 405


def test_a_live_initiatives_translation_goes_live_once_reviewed(translator, translator_client):
    french = translate(english_initiative("Published at the source", live=True))
    response = translator_client.post(f"/admin/pages/{french.pk}/edit/", {"action": "publish"})
    assert response.status_code == 403

    submit_for_review(french, translator)
    second = get_user_model().objects.create_user("seconde", "s@example.org", PASSWORD)
    second.groups.add(Group.objects.get(name="Translators: French"))
    assert [name for name, _label, _modal in review_actions(french, second)] == [
        "reject",
        "approve",
        "approve",
    ]
    task_state = french.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, second, "approve")

    assert is_live(french)


def test_translator_may_not_bulk_publish_a_translation(translator_client):
    french = translate(english_initiative("Published in bulk", live=True))

    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={french.pk}"
    response = translator_client.post(bulk, {"include_descendants": ""})

    assert response.status_code == 403
    assert not is_live(french)


def test_translator_may_not_publish_the_translation_of_an_event(translator, translator_client):
    english = EventPage.objects.filter(locale__language_code="en", live=True).first()
    french = EventPage.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )
    french.title = "Changé par la traductrice"
    french.save_revision()

    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={french.pk}"
    response = translator_client.post(bulk, {"include_descendants": ""})

    assert response.status_code == 403
    assert EventPage.objects.get(pk=french.pk).title != "Changé par la traductrice"


@pytest.mark.parametrize("make", [declined_source, source_in_moderation, translation_in_moderation])
def test_moderators_and_superusers_publish_directly(make):
    french = make()
    moderator = make_moderator("decider")
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)

    assert french.permissions_for_user(moderator).can_publish()
    assert french.permissions_for_user(superuser).can_publish()
