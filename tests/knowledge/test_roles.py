"""Roles are made once and found by what they stand for: an administrator renames a group,
changes its permissions or the workflow, and `migrate` keeps it so."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

import pytest
from bs4 import BeautifulSoup

from cms.roles import EDITORS
from cms.two_factor.policy import is_staff_role
from knowledge.languages.review import reviewed_snippet_models
from knowledge.languages.translators import translator_languages
from knowledge.members import membership as members
from knowledge.models import GroupRole, InitiativePage, Registration, Theme
from knowledge.roles import MODERATORS, TRANSLATORS, role_group
from knowledge.setup import moderation_workflow

from .members import PASSWORD, make_member, member_client
from .my_city_helpers import english_city, moderate, submit

pytestmark = pytest.mark.django_db


def migrate():
    call_command("migrate", verbosity=0)


def codenames(group):
    return set(group.permissions.values_list("codename", flat=True))


def test_every_role_has_one_group_linked_to_it():
    roles = GroupRole.objects.filter(locale=None).values_list("role", flat=True)
    assert set(roles) >= {
        MODERATORS,
        EDITORS,
        "certification_secretariat",
        "certification_committee",
        "technical_reviewers",
        "awards_secretariat",
        "awards_jury",
    }
    languages = GroupRole.objects.filter(role=TRANSLATORS).values_list(
        "locale__language_code", flat=True
    )
    assert sorted(languages) == ["ar", "es", "fr", "ru", "zh-hans"]


def test_migrating_twice_keeps_an_administrators_changes():
    moderators = role_group(MODERATORS)
    moderators.permissions.remove(Permission.objects.get(codename="delete_initiativecomment"))
    editors = role_group(EDITORS)
    editors.permissions.add(Permission.objects.get(codename="add_theme"))
    workflow = moderation_workflow()
    workflow.name = "Two-step moderation"
    workflow.save()
    second = GroupApprovalTask.objects.create(name="Legal check")
    WorkflowTask.objects.create(workflow=workflow, task=second, sort_order=1)
    theme_type = ContentType.objects.get_for_model(Theme)
    WorkflowContentType.objects.filter(content_type=theme_type).delete()
    groups, workflows = Group.objects.count(), Workflow.objects.count()

    migrate()
    migrate()

    assert "delete_initiativecomment" not in codenames(role_group(MODERATORS))
    assert "add_theme" in codenames(role_group(EDITORS))
    assert Workflow.objects.count() == workflows
    workflow = moderation_workflow()
    assert workflow.name == "Two-step moderation"
    assert [task.name for task in workflow.tasks.order_by("workflow_tasks__sort_order")] == [
        "Initiative moderation",
        "Legal check",
    ]
    assert not WorkflowContentType.objects.filter(content_type=theme_type).exists()
    assert Group.objects.count() == groups


def test_setup_roles_reset_puts_the_defaults_back():
    moderators = role_group(MODERATORS)
    moderators.permissions.remove(Permission.objects.get(codename="delete_initiativecomment"))
    moderators.permissions.add(Permission.objects.get(codename="add_theme"))
    Workflow.objects.update(active=False)
    reviewed = ContentType.objects.get_for_model(reviewed_snippet_models()[0])
    WorkflowContentType.objects.filter(content_type=reviewed).delete()

    workflows = Workflow.objects.count()
    migrate()
    assert moderation_workflow() is None  # turned off by the administrator, and kept off

    call_command("setup_roles", "--reset", stdout=StringIO())

    found = codenames(role_group(MODERATORS))
    assert "delete_initiativecomment" in found and "add_theme" not in found
    assert WorkflowContentType.objects.filter(content_type=reviewed).exists()
    assert moderation_workflow() is not None
    assert Workflow.objects.count() == workflows


def test_a_deleted_role_group_is_made_again():
    role_group(EDITORS).delete()
    migrate()
    editors = role_group(EDITORS)
    assert editors.name == "Editors"
    assert "access_admin" in codenames(editors)


def test_a_group_named_like_a_role_without_it_gives_no_rights():
    french = role_group(TRANSLATORS, locale("fr"))
    french.name = "Traduction (français)"
    french.save()
    impostor = Group.objects.create(name="Translators: French")
    user = get_user_model().objects.create_user("impostor", "i@example.org", "pw")
    user.groups.add(impostor)
    assert translator_languages(user) == frozenset()
    assert not is_staff_role(user)

    translator = get_user_model().objects.create_user("traductrice", "t@example.org", "pw")
    translator.groups.add(french)
    assert translator_languages(translator) == {"fr"}
    assert is_staff_role(translator)
    migrate()
    assert role_group(TRANSLATORS, locale("fr")).name == "Traduction (français)"


def locale(code):
    return Locale.objects.get(language_code=code)


def page_and_collection_rights(group):
    pages = GroupPagePermission.objects.filter(group=group)
    collections = GroupCollectionPermission.objects.filter(group=group)
    return (
        sorted(pages.values_list("page_id", "permission__codename")),
        sorted(collections.values_list("collection_id", "permission__codename")),
    )


def post_as_shown(client, url, **changes):
    """Submit the form of the page at `url` with the values it shows, but `changes`."""
    page = BeautifulSoup(client.get(url).content, "html.parser")
    form = page.find("input", attrs={"name": "name"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        kind = field.get("type", "")
        if not name or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = [
                option.get("value", option.text)
                for option in field.find_all("option")
                if option.has_attr("selected")
            ]
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        else:
            default = "on" if kind in ("checkbox", "radio") else ""
            data.setdefault(name, []).append(field.get("value", default))
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


@pytest.mark.usefixtures("demo_content")
def test_a_renamed_moderators_group_still_moderates(client):
    # The administrator renames the group in the admin's group form, keeping all else.
    moderators = role_group(MODERATORS)
    permissions = codenames(moderators)
    rights = page_and_collection_rights(moderators)
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org"))
    url = reverse("wagtailusers_groups:edit", args=[moderators.pk])
    response = post_as_shown(client, url, name="Modération des initiatives")
    assert response.status_code == 302, response.content.decode()[:2000]
    moderators.refresh_from_db()
    assert moderators.name == "Modération des initiatives"
    assert codenames(moderators) == permissions
    assert page_and_collection_rights(moderators) == rights
    assert role_group(MODERATORS) == moderators
    migrate()
    assert not Group.objects.filter(name="Moderators").exists()
    moderator = get_user_model().objects.create_user(
        "moderatrice", "moderatrice@example.org", PASSWORD
    )
    moderator.groups.add(moderators)
    assert is_staff_role(moderator)

    # A registration waiting for a decision is announced to the renamed group's members.
    seoul = english_city("seoul")
    user = get_user_model().objects.create_user("new@seoul.example.org", is_active=False)
    registration = Registration.objects.create(
        user=user,
        name="New",
        email="new@seoul.example.org",
        city=seoul,
        position="Officer",
        organisation="City hall",
        motivation="To share",
    )
    mail.outbox.clear()
    assert members.verify(registration)
    assert [message.to for message in mail.outbox] == [["moderatrice@example.org"]]

    # An initiative a member submits is approved by the renamed group's member.
    member = member_client(make_member(seoul, "member@seoul.example.org"))
    submit(member, "/en/my-city/initiatives/new/", "submit", language="en", title="Rooftops")
    page = InitiativePage.objects.get(title="Rooftops")
    assert not page.live
    response = moderate(member_client(moderator), page, "approve")
    assert response.status_code == 302
    assert InitiativePage.objects.get(pk=page.pk).live
