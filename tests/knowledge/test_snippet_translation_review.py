"""Translations of snippets (themes, goals, targets, menus) go through the same review as pages:
saved as a draft, shown only once a second translator or reviewer of the language approves."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail.models import Locale, ModelLogEntry, WorkflowContentType
from wagtail_localize.models import StringSegment, Translation

import pytest

from knowledge.languages.desk import translation_desk
from knowledge.languages.review import REVIEW_WORKFLOW, reviewed_snippet_models
from knowledge.models import Theme
from knowledge.models.localized import LocalizedTaxonomy
from pages.models import NavigationMenu
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

FRENCH, SPANISH = "Translators: French", "Translators: Spanish"
FRENCH_REVIEWERS = "Translation reviewers: French"


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def english(db):
    return Theme.objects.create(code="heritage", title="Heritage", locale=locale("en"))


def french_of(theme):
    return Theme.objects.get(translation_key=theme.translation_key, locale=locale("fr"))


def start(client, theme):
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["knowledge", "theme", theme.pk]
    )
    assert client.post(url, {"locales": [locale("fr").pk]}).status_code == 302
    return french_of(theme)


def translate_title(client, theme, value):
    translation = Translation.objects.get(
        source__object_id=theme.translation_key, target_locale=locale("fr")
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)


def submit(client, row):
    url = reverse("knowledge_snippet_translation_submit", args=["knowledge", "theme", row.pk])
    return client.post(url)


def act(client, row, action, comment=""):
    state = row.current_workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_knowledge_theme:workflow_action", args=[row.pk, action, state.pk]
    )
    return client.post(url, {"comment": comment, "next": "/admin/translations/"})


def refused(response):
    """Wagtail's admin answers a refusal with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def french_titles():
    return {code: theme.title for code, theme in LocalizedTaxonomy(locale("fr").pk).themes.items()}


def awaiting(user):
    return translation_desk(user, "fr")["awaiting_review"].count


def test_the_review_workflow_is_assigned_to_the_translatable_snippets():
    models = set(reviewed_snippet_models())
    assert {Theme, NavigationMenu} <= models
    assert len(models) == 4  # goals, targets, themes, menus
    for model in models:
        assignment = WorkflowContentType.objects.get(content_type__model=model._meta.model_name)
        assert assignment.workflow.name == REVIEW_WORKFLOW


def test_a_french_translation_of_a_snippet_is_reviewed_before_it_is_live(translator, english):
    client = client_for(translator)
    french = start(client, english)
    assert not french.live
    assert "heritage" not in french_titles()  # a draft row is not shown
    translate_title(client, english, "Patrimoine")

    # The translator cannot make it live alone: not from the translation editor…
    edit_url = reverse("wagtailsnippets_knowledge_theme:edit", args=[french.pk])
    assert refused(client.post(edit_url, {"action": "publish"}))
    assert not french_of(english).live

    # …nor by approving their own submission.
    assert submit(client, french).status_code == 302
    french = french_of(english)
    assert french.workflow_in_progress
    assert awaiting(translator) == 1
    review_url = reverse(
        "knowledge_snippet_translation_review", args=["knowledge", "theme", french.pk]
    )
    assert refused(client.get(review_url))
    assert refused(act(client, french, "approve"))
    assert not french_of(english).live

    # A Spanish translator or reviewer cannot approve it either.
    spanish = client_for(make_user("traductor", SPANISH))
    assert refused(spanish.get(review_url))
    assert refused(act(spanish, french, "approve"))
    assert not french_of(english).live

    # A French reviewer sees the text in review, requests a change, then approves it.
    reviewer = client_for(make_user("relecteur", FRENCH_REVIEWERS))
    response = reviewer.get(review_url)
    assert response.status_code == 200
    assert ("title", "", "Patrimoine") in response.context["changes"]
    assert act(reviewer, french, "reject", "Accent").status_code == 302
    assert not french_of(english).live
    assert submit(client, french_of(english)).status_code == 302
    assert act(reviewer, french_of(english), "approve").status_code == 302

    french = french_of(english)
    assert french.live and french.title == "Patrimoine"
    assert french_titles()["heritage"] == "Patrimoine"
    assert awaiting(translator) == 0
    assert translation_desk(translator, "fr")["recently_published"].count >= 1
    logged = ModelLogEntry.objects.filter(object_id=str(french.pk), action__startswith="wagtail.")
    assert {"wagtail.workflow.start", "wagtail.workflow.reject", "wagtail.workflow.approve"} <= set(
        logged.values_list("action", flat=True)
    )


def test_a_change_to_a_live_translation_stays_out_of_sight_until_approved(translator, english):
    client = client_for(translator)
    start(client, english)
    translate_title(client, english, "Patrimoine")
    submit(client, french_of(english))
    reviewer = client_for(make_user("relecteur", FRENCH_REVIEWERS))
    act(reviewer, french_of(english), "approve")

    translate_title(client, english, "Patrimoine culturel")
    assert submit(client, french_of(english)).status_code == 302
    french = french_of(english)
    assert french.live and french.title == "Patrimoine"  # the live row is as it was
    assert french.has_unpublished_changes
    assert french_titles()["heritage"] == "Patrimoine"

    act(reviewer, french, "approve")
    assert french_of(english).title == "Patrimoine culturel"
    assert french_titles()["heritage"] == "Patrimoine culturel"


def test_the_themes_api_lists_only_live_translations(translator, english):
    start(client_for(translator), english)
    response = client_for(translator).get("/api/v2/themes/?locale=fr&limit=100")
    assert "heritage" not in [item["code"] for item in response.json()["items"]]
