"""Translators start, update and submit translations of their language; a second translator or a
reviewer of the language approves them (which publishes them) or requests changes."""

from urllib.parse import urlencode

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import Locale, Page, PageLogEntry, Workflow, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import pytest

from cms.roles import ensure_roles
from knowledge.languages.review import REVIEW_WORKFLOW
from knowledge.models import Theme, TranslationReviewTask
from pages.models import StandardPage
from tests.factories import StandardPageFactory, client_for, make_user

pytestmark = pytest.mark.django_db

FRENCH, SPANISH = "Translators: French", "Translators: Spanish"
FRENCH_REVIEWERS = "Translation reviewers: French"


@pytest.fixture
def author():
    return make_user("auteure", FRENCH)


@pytest.fixture
def author_client(author):
    return client_for(author)


@pytest.fixture
def reviewer_client():
    return client_for(make_user("relecteur", FRENCH))


@pytest.fixture
def english(homes):
    return StandardPageFactory(parent=homes["en"], title="Open data", intro="Cities share data.")


def refused(response):
    """Wagtail's admin answers a refusal with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def locale(code):
    return Locale.objects.get(language_code=code)


def french_of(page):
    return StandardPage.objects.get(translation_key=page.translation_key, locale=locale("fr"))


def start(client, page, code="fr", capture=None):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale(code).pk]})


def translate_title(client, page, french_title):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale("fr")
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": french_title}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)  # created, or changed


def submit(client, page):
    return client.post(reverse("knowledge_translation_submit", args=[page.pk]))


def act(client, page, action, comment=""):
    state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment, "next": "/admin/"})


def actions(page):
    return list(
        PageLogEntry.objects.filter(page=page, action__startswith="wagtail.workflow.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


# Roles


def test_each_language_has_a_reviewer_group_and_translators_start_but_do_not_publish():
    french = Group.objects.get(name=FRENCH)
    assert french.permissions.filter(codename="submit_translation").exists()
    assert not french.page_permissions.filter(permission__codename="publish_page").exists()
    reviewers = Group.objects.filter(name__startswith="Translation reviewers: ")
    assert set(reviewers.values_list("name", flat=True)) == {
        "Translation reviewers: Arabic",
        "Translation reviewers: Chinese (Simplified)",
        FRENCH_REVIEWERS,
        "Translation reviewers: Russian",
        "Translation reviewers: Spanish",
    }
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    assert [type(task.specific) for task in workflow.tasks.all()] == [TranslationReviewTask]


def test_roles_setup_keeps_an_administrators_changes():
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    task = workflow.tasks.get()
    task.name = "Relecture"
    task.save()
    ensure_roles()
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
    assert [t.name for t in Workflow.objects.get(name=REVIEW_WORKFLOW).tasks.all()] == ["Relecture"]


# Starting and updating


def test_translator_starts_a_french_translation_and_only_french(author_client, english):
    url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    offered = author_client.get(url).context["form"].fields["locales"].queryset
    assert [row.language_code for row in offered] == ["fr"]

    assert start(author_client, english, "es").status_code == 200  # the form, refused
    assert not StandardPage.objects.filter(
        translation_key=english.translation_key, locale=locale("es")
    ).exists()
    assert start(author_client, english, "fr").status_code == 302
    french = french_of(english)
    assert not french.live


def test_without_a_translator_group_nobody_starts_translations(english):
    user = make_user("reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {"locales": [locale("fr").pk]}))
    assert not Translation.objects.filter(source__object_id=english.translation_key).exists()


def test_translator_starts_the_translation_of_a_snippet(author_client):
    theme = Theme.objects.create(code="heritage", title="Heritage", locale=locale("en"))
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["knowledge", "theme", theme.pk]
    )
    assert author_client.post(url, {"locales": [locale("es").pk]}).status_code == 200
    assert author_client.post(url, {"locales": [locale("fr").pk]}).status_code == 302
    assert set(
        Theme.objects.filter(code="heritage").values_list("locale__language_code", flat=True)
    ) == {"en", "fr"}


def test_translator_updates_their_translation_from_the_source_without_publishing(
    author_client, english, admin_user
):
    start(author_client, english)
    source = TranslationSource.objects.get(object_id=english.translation_key)
    Translation.objects.create(source=source, target_locale=locale("es")).save_target(publish=False)
    english.title = "Open data, shared"
    english.save_revision(user=admin_user).publish()
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    response = author_client.get(url)
    assert response.status_code == 200
    assert "publish_translations" not in response.context["form"].fields
    assert [t["locale"].language_code for t in response.context["translations"]] == ["fr"]
    before = source.last_updated_at
    response = author_client.post(url, {"publish_translations": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[french_of(english).pk])
    source.refresh_from_db()
    assert source.last_updated_at > before
    assert not french_of(english).live
    spanish = Page.objects.get(translation_key=english.translation_key, locale=locale("es"))
    assert not spanish.live


def test_translator_cannot_update_a_source_with_no_translation_in_their_language(
    english, admin_user
):
    source, _ = TranslationSource.get_or_create_from_instance(english)
    Translation.objects.create(source=source, target_locale=locale("es")).save_target(publish=False)
    client = client_for(make_user("fr", FRENCH))
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, {}))


# Review


@pytest.fixture
def submitted(author_client, english):
    start(author_client, english)
    translate_title(author_client, english, "Données ouvertes")
    response = submit(author_client, french_of(english))
    assert response.status_code == 302
    return french_of(english)


def test_submitting_saves_the_translation_and_starts_the_review(author, submitted):
    state = submitted.current_workflow_state
    assert state.workflow.name == REVIEW_WORKFLOW
    assert state.requested_by == author
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert submitted.get_latest_revision_as_object().title == "Données ouvertes"
    assert not submitted.live
    assert actions(submitted) == ["wagtail.workflow.start"]


def test_the_author_may_neither_publish_nor_approve(author, author_client, submitted):
    assert not submitted.permissions_for_user(author).can_publish()
    assert refused(act(author_client, submitted, "approve"))
    assert refused(author_client.get(reverse("knowledge_translation_review", args=[submitted.pk])))
    response = author_client.post(f"/admin/pages/{submitted.pk}/edit/", {"action": "publish"})
    assert response.status_code == 403
    assert not Page.objects.get(pk=submitted.pk).live


def test_a_translator_of_another_language_may_not_review(submitted):
    client = client_for(make_user("es", SPANISH))
    assert refused(act(client, submitted, "approve"))
    assert refused(act(client, submitted, "reject"))
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_changes_requested_then_approved_publishes_the_translation(
    author_client, reviewer_client, submitted, english
):
    review = reviewer_client.get(reverse("knowledge_translation_review", args=[submitted.pk]))
    assert review.status_code == 200
    assert review.context["may_approve"]

    comment = "« Open data » : données ouvertes"
    assert act(reviewer_client, submitted, "reject", comment).status_code == 302
    state = WorkflowState.objects.get(pk=submitted.current_workflow_state.pk)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state.specific
    assert task_state.get_comment() == "« Open data » : données ouvertes"
    editor = author_client.get(f"/admin/pages/{submitted.pk}/edit/")
    shown = [str(message) for message in editor.context["messages"]]
    assert "Changes requested: « Open data » : données ouvertes" in shown

    translate_title(author_client, english, "Les données ouvertes")
    assert submit(author_client, submitted).status_code == 302
    assert act(reviewer_client, submitted, "approve").status_code == 302

    french = french_of(english)
    assert french.live and french.title == "Les données ouvertes"
    assert actions(french) == [
        "wagtail.workflow.start",
        "wagtail.workflow.reject",
        "wagtail.workflow.resume",
        "wagtail.workflow.approve",
    ]


def test_a_reviewer_of_the_language_approves(submitted):
    client = client_for(make_user("relectrice", FRENCH_REVIEWERS))
    assert act(client, submitted, "approve").status_code == 302
    assert Page.objects.get(pk=submitted.pk).live


def test_a_submitted_translation_is_not_submitted_twice(author_client, submitted):
    response = submit(author_client, submitted)
    assert response.status_code == 409
    assert response.context["error"] == "This translation is already waiting for review."


def test_no_approval_while_the_source_is_not_live(author_client, reviewer_client, homes):
    english = StandardPageFactory(parent=homes["en"], title="Draft source", live=False)
    start(author_client, english)
    response = submit(author_client, french_of(english))
    assert response.status_code == 409
    assert french_of(english).current_workflow_state is None


def test_the_source_unpublished_during_review_cannot_be_approved(
    reviewer_client, submitted, english
):
    english.unpublish()
    review = reviewer_client.get(reverse("knowledge_translation_review", args=[submitted.pk]))
    assert not review.context["may_approve"]
    assert refused(act(reviewer_client, submitted, "approve"))
    assert not Page.objects.get(pk=submitted.pk).live


def test_reviewing_an_update_of_a_live_translation_compares_it_with_the_live_version(
    author_client, reviewer_client, submitted, english
):
    assert act(reviewer_client, submitted, "approve").status_code == 302
    translate_title(author_client, english, "Données ouvertes des villes")
    assert submit(author_client, submitted).status_code == 302
    french = french_of(english)

    response = reviewer_client.get(reverse("knowledge_translation_review", args=[french.pk]))

    assert response.status_code == 200
    task_state = french.current_workflow_state.current_task_state
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[french.pk, french.live_revision_id, task_state.revision_id],
    )
    assert compare in response.content.decode()
    assert reviewer_client.get(compare).status_code == 200


def test_unknown_pages_and_pages_that_are_not_translations(author_client, english):
    for name in ("knowledge_translation_submit", "knowledge_translation_review"):
        assert author_client.get(reverse(name, args=[999999])).status_code == 404
    # The English original is not the translator's to edit, nor a translation.
    assert refused(submit(author_client, english))
    assert english.current_workflow_state is None
