"""The Editors group publishes and schedules editorial pages but cannot touch initiatives."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from knowledge.models import CityIndexPage, CityPage, InitiativePage
from pages.models import EventPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def event_data(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "",
            "start": "2031-01-10 09:00",
            "end": "2031-01-10 12:00",
            "time_zone": "Europe/Paris",
            "attendance": "in-person",
            "body": streamfield([]),
            **extra,
        }
    )


def test_editors_have_page_permissions_in_every_language():
    editors = Group.objects.get(name="Editors")
    homes = set(HomePage.objects.values_list("pk", flat=True))
    for kind in ["add", "change", "publish"]:
        granted = set(
            GroupPagePermission.objects.filter(
                group=editors, permission__codename=f"{kind}_page"
            ).values_list("page_id", flat=True)
        )
        assert granted == homes


@pytest.mark.usefixtures("demo_content")
def test_editor_publishes_an_event_in_french(editor_client):
    from pages.models import EventIndexPage

    index = EventIndexPage.objects.get(locale__language_code="fr")

    response = editor_client.post(
        f"/admin/pages/add/pages/eventpage/{index.pk}/",
        event_data("Atelier de Paris", **{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    event = EventPage.objects.get(slug="atelier-de-paris")
    assert event.live and event.locale.language_code == "fr"


def test_editor_schedules_a_standard_page(editor_client):
    home = HomePage.objects.get(locale__language_code="en")
    go_live = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    data = nested_form_data(
        {
            "title": "Coming soon",
            "slug": "coming-soon",
            "intro": "",
            "body": streamfield([]),
            "go_live_at": go_live,
            "action-publish": "publish",
        }
    )

    response = editor_client.post(f"/admin/pages/add/pages/standardpage/{home.pk}/", data)

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="coming-soon")
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None


@pytest.mark.usefixtures("demo_content")
def test_editor_cannot_edit_or_publish_an_initiative(editor_client):
    initiative = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")

    assert editor_client.get(f"/admin/pages/{initiative.pk}/edit/").status_code in (302, 403)
    response = editor_client.post(
        f"/admin/pages/{initiative.pk}/edit/",
        nested_form_data(
            {
                "title": "Changed by an editor",
                "slug": initiative.slug,
                "summary": "x",
                "background": rich_text(""),
                "actions": rich_text(""),
                "impacts": rich_text(""),
                "budget": rich_text(""),
                "media": streamfield([]),
                "status": "ongoing",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code in (302, 403)
    initiative.refresh_from_db()
    assert initiative.title == "Milan Food Policy"
    assert editor_client.post(f"/admin/pages/{initiative.pk}/unpublish/").status_code in (302, 403)
    initiative.refresh_from_db()
    assert initiative.live
    assert editor_client.post(f"/admin/pages/{initiative.pk}/delete/").status_code in (302, 403)
    assert InitiativePage.objects.filter(pk=initiative.pk).exists()


@pytest.mark.usefixtures("demo_content")
def test_editor_cannot_add_cities_or_initiatives(editor_client):
    city_index = CityIndexPage.objects.get(locale__language_code="en")
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")

    assert editor_client.get(
        f"/admin/pages/add/knowledge/citypage/{city_index.pk}/"
    ).status_code in (302, 403)
    assert editor_client.get(
        f"/admin/pages/add/knowledge/initiativepage/{seoul.pk}/"
    ).status_code in (302, 403)
    assert editor_client.get(f"/admin/pages/{seoul.pk}/edit/").status_code in (302, 403)


@pytest.mark.usefixtures("demo_content")
def test_editor_can_edit_the_introduction_of_the_city_index(editor_client):
    city_index = CityIndexPage.objects.get(locale__language_code="en")
    assert editor_client.get(f"/admin/pages/{city_index.pk}/edit/").status_code == 200


def test_roles_are_idempotent():
    from django.core.management import call_command

    before = GroupPagePermission.objects.count()
    call_command("setup_roles")
    assert GroupPagePermission.objects.count() == before
