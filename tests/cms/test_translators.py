"""Translators: one group per language, editing and publishing only in their language."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowTask,
)
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment

import pytest

from cms.roles import ensure_roles
from knowledge.languages.translators import TRANSLATOR_GROUP_PREFIX, translator_languages
from knowledge.models import Theme
from pages.models import NavigationMenu
from tests.factories import client_for, make_user

from .translator_helpers import (
    TRANSLATOR_GROUPS,
    draft_of,
    home,
    initiative,
    main_menu,
    menu_url,
    put_string,
    refused,
    theme,
    theme_url,
    translation_of,
)

pytestmark = pytest.mark.django_db


# The groups


def test_one_translator_group_per_language_but_english():
    names = set(
        Group.objects.filter(name__startswith=TRANSLATOR_GROUP_PREFIX).values_list(
            "name", flat=True
        )
    )
    assert names == set(TRANSLATOR_GROUPS.values())
    assert not Group.objects.filter(name="Translators: English").exists()


def test_each_group_has_page_permissions_on_its_language_home_only():
    for code, name in TRANSLATOR_GROUPS.items():
        granted = GroupPagePermission.objects.filter(group__name=name)
        assert {(p.page_id, p.permission.codename) for p in granted} == {
            (home(code).pk, f"{kind}_page") for kind in ("add", "change")
        }


def test_translators_start_translations_but_neither_add_nor_delete_content():
    group = Group.objects.get(name=TRANSLATOR_GROUPS["fr"])
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert "access_admin" in codenames
    assert {"change_initiativepage", "change_citypage", "change_theme"} <= codenames
    # Limited to their language by knowledge.languages.translator_views.
    assert "submit_translation" in codenames
    assert not {name for name in codenames if name.startswith(("add_", "delete_"))}
    collection_permissions = GroupCollectionPermission.objects.filter(group=group)
    assert {p.permission.codename for p in collection_permissions} == {
        "choose_image",
        "choose_document",
    }


def test_ensure_roles_twice_duplicates_nothing():
    def counts():
        return (
            Group.objects.count(),
            Group.permissions.through.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Workflow.objects.count(),
            Task.objects.count(),
            WorkflowTask.objects.count(),
        )

    before = counts()
    ensure_roles()
    ensure_roles()
    assert counts() == before


def test_languages_come_from_the_groups(translator):
    assert translator_languages(translator) == {"fr"}
    both = make_user("both", TRANSLATOR_GROUPS["fr"], TRANSLATOR_GROUPS["es"])
    assert translator_languages(both) == {"fr", "es"}
    assert translator_languages(make_user("nobody")) == set()


# Pages


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("page", [initiative, home])
def test_translator_edits_but_does_not_publish_pages_of_their_language(
    translator, translator_client, page
):
    french = page("fr")
    permissions = french.permissions_for_user(translator)

    # Translations go live through review (tests/knowledge/test_translation_review.py).
    assert permissions.can_edit() and not permissions.can_publish()
    assert translator_client.get(f"/admin/pages/{french.pk}/edit/").status_code == 200


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("page", [initiative, home])
@pytest.mark.parametrize("code", ["es", "en"])
def test_translator_cannot_touch_pages_of_other_languages(
    translator, translator_client, page, code
):
    other = page(code)

    assert not other.permissions_for_user(translator).can_edit()
    assert not other.permissions_for_user(translator).can_publish()
    assert refused(translator_client.get(f"/admin/pages/{other.pk}/edit/"))


@pytest.mark.usefixtures("demo_content")
def test_translator_translates_a_french_initiative_but_does_not_publish_it(translator_client):
    french = initiative("fr")
    editing = translation_of(french)
    title = StringSegment.objects.get(source=editing.source, context__path="title")

    response = put_string(translator_client, editing, title, "Politique alimentaire milanaise")
    assert response.status_code in (200, 201)
    response = translator_client.post(f"/admin/pages/{french.pk}/edit/", {"action": "publish"})

    assert response.status_code == 403
    french.refresh_from_db()
    assert french.title != "Politique alimentaire milanaise"


@pytest.mark.usefixtures("demo_content")
def test_translator_cannot_translate_or_publish_the_spanish_initiative(translator_client):
    spanish = initiative("es")
    editing = translation_of(spanish)
    title = StringSegment.objects.get(source=editing.source, context__path="title")

    assert put_string(translator_client, editing, title, "Cambiado").status_code == 403
    response = translator_client.post(f"/admin/pages/{spanish.pk}/edit/", {"action": "publish"})

    assert refused(response)
    spanish.refresh_from_db()
    assert spanish.title != "Cambiado"


# Snippets


@pytest.mark.usefixtures("demo_content")
def test_translator_opens_the_french_menu_but_not_the_spanish_one(translator_client):
    assert translator_client.get(menu_url("edit", main_menu("fr"))).status_code == 200
    assert refused(translator_client.get(menu_url("edit", main_menu("es"))))


@pytest.mark.usefixtures("demo_content")
def test_translator_translates_the_french_footer_and_submits_it_for_review(translator_client):
    # The main menu's links take their pages' titles; the footer has a text to translate.
    french = main_menu("fr", "footer")
    editing = translation_of(french)
    text = StringSegment.objects.get(source=editing.source, context__path="text")

    assert put_string(translator_client, editing, text, "Texte traduit").status_code == 200
    # Publishing is the reviewer's (knowledge.languages.review), not the translator's.
    response = translator_client.post(menu_url("edit", french), {"action": "publish"})
    assert refused(response)
    assert main_menu("fr", "footer").text == french.text

    submit = reverse(
        "knowledge_snippet_translation_submit", args=["pages", "navigationmenu", french.pk]
    )
    assert translator_client.post(submit).status_code == 302
    submitted = main_menu("fr", "footer")
    assert submitted.workflow_in_progress
    assert submitted.live and submitted.text == french.text  # live as it was, until approved
    assert submitted.get_latest_revision_as_object().text == "Texte traduit"


@pytest.mark.usefixtures("demo_content")
def test_translator_cannot_translate_or_publish_the_spanish_footer(translator_client):
    spanish = main_menu("es", "footer")
    editing = translation_of(spanish)
    text = StringSegment.objects.get(source=editing.source, context__path="text")

    assert put_string(translator_client, editing, text, "Cambiado").status_code == 403
    response = translator_client.post(menu_url("edit", spanish), {"action": "publish"})

    assert refused(response)
    assert main_menu("es", "footer").text == spanish.text
    assert not text.string.translations.filter(data="Cambiado").exists()


def test_menu_listing_shows_the_translator_only_french_menus(translator_client):
    response = translator_client.get(reverse("wagtailsnippets_pages_navigationmenu:list"))

    assert response.status_code == 200
    content = response.content.decode()
    for menu in NavigationMenu.objects.all():
        shown = menu_url("edit", menu) in content
        assert shown == (menu.locale.language_code == "fr"), menu


def test_translator_edits_a_french_theme(translator_client):
    french = theme("fr")
    assert translator_client.get(theme_url("edit", french)).status_code == 200

    response = translator_client.post(
        theme_url("edit", french),
        {"code": french.code, "title": "Mobilité", "description": french.description},
    )

    assert response.status_code == 302
    assert draft_of(french).title == "Mobilité"
    french.refresh_from_db()
    assert french.live and french.title != "Mobilité"  # a draft, until reviewed


def test_translator_cannot_edit_a_spanish_theme(translator_client):
    spanish = theme("es")
    assert refused(translator_client.get(theme_url("edit", spanish)))

    response = translator_client.post(
        theme_url("edit", spanish), {"code": spanish.code, "title": "Cambiado", "description": ""}
    )

    assert refused(response)
    spanish.refresh_from_db()
    assert spanish.title != "Cambiado"


def test_theme_listing_shows_the_translator_only_french_themes(translator_client):
    response = translator_client.get(reverse("wagtailsnippets_knowledge_theme:list"))

    assert response.status_code == 200
    content = response.content.decode()
    for row in Theme.objects.filter(code="transport"):
        assert (theme_url("edit", row) in content) == (row.locale.language_code == "fr")
    assert [row.locale.language_code for row in response.context["object_list"]] == ["fr"] * len(
        response.context["object_list"]
    )


# Everyone else keeps plain model permissions


@pytest.mark.usefixtures("demo_content")
def test_editors_edit_menus_in_every_language():
    client = client_for(make_user("editor", "Editors"))
    for code in ("fr", "es", "en"):
        assert client.get(menu_url("edit", main_menu(code))).status_code == 200


@pytest.mark.usefixtures("demo_content")
def test_a_translator_who_is_also_an_editor_edits_every_menu():
    client = client_for(make_user("both", "Editors", TRANSLATOR_GROUPS["fr"]))
    assert client.get(menu_url("edit", main_menu("es"))).status_code == 200


def test_a_permission_given_directly_is_not_limited_to_the_translator_language(translator):
    translator.user_permissions.add(
        Permission.objects.get(content_type__app_label="knowledge", codename="change_theme")
    )
    assert client_for(translator).get(theme_url("edit", theme("es"))).status_code == 200


@pytest.mark.usefixtures("demo_content")
def test_policy_names_who_may_change_a_row():
    french_translator = make_user("fr-translator", TRANSLATOR_GROUPS["fr"])
    spanish_translator = make_user("es-translator", TRANSLATOR_GROUPS["es"])
    editor = make_user("editor", "Editors")
    policy = policy_registry.get_by_type(NavigationMenu)

    users = set(policy.users_with_permission_for_instance("change", main_menu("fr")))
    assert {french_translator, editor} <= users
    assert spanish_translator not in users
    instances = policy.instances_user_has_permission_for(spanish_translator, "change")
    assert {menu.locale.language_code for menu in instances} == {"es"}
