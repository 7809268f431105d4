"""One source decides what a city member may do: Wagtail's page permissions on the city (held
through the city's group) plus an active membership. Taking either away ends My City,
certification and the admin at once."""

from wagtail.models import PageLogEntry

import pytest

from knowledge.models import CityGroup, CityMembership, CityPage, InitiativePage

from .members import make_member, make_moderator, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def seoul():
    return CityPage.objects.get(slug="seoul", locale__language_code="en")


def seoul_initiative():
    return InitiativePage.objects.get(slug="big-data-urban-management", locale__language_code="en")


def rights(client):
    """What the member reaches: My City, certification, the admin's editor of their initiative."""
    page = seoul_initiative()
    return {
        "my city": client.get("/en/my-city/").status_code,
        "certification": client.get("/en/certification/applications/").status_code,
        "admin": client.get(f"/admin/pages/{page.pk}/edit/").status_code,
    }


def test_a_member_reaches_my_city_certification_and_the_admin():
    client = member_client(make_member(seoul(), "member@seoul.example.org"))
    assert rights(client) == {"my city": 200, "certification": 200, "admin": 200}


def test_leaving_the_city_group_ends_every_right_at_once():
    user = make_member(seoul(), "member@seoul.example.org")
    client = member_client(user)
    user.groups.remove(CityGroup.objects.get(city_key=seoul().translation_key).group)

    found = rights(client)

    assert found["my city"] == 403
    assert found["certification"] == 403
    assert found["admin"] in (302, 403)
    assert not seoul_initiative().permissions_for_user(user).can_edit()


def test_deactivating_the_membership_in_the_admin_ends_every_right_at_once():
    user = make_member(seoul(), "member@seoul.example.org")
    membership = CityMembership.objects.get(user=user)
    moderator = member_client(make_moderator())

    listing = moderator.get("/admin/city_members/")
    assert listing.status_code == 200
    assert "member@seoul.example.org" in listing.content.decode()
    response = moderator.post(f"/admin/city_members/edit/{membership.pk}/", {})  # unticked
    assert response.status_code == 302

    membership.refresh_from_db()
    assert membership.active is False
    group = CityGroup.objects.get(city_key=seoul().translation_key).group
    assert not user.groups.filter(pk=group.pk).exists()
    found = rights(member_client(user))
    assert found["my city"] == 403
    assert found["certification"] == 403
    assert found["admin"] in (302, 403)
    assert PageLogEntry.objects.filter(
        action="knowledge.membership_deactivated", page=seoul()
    ).exists()

    # Reactivated, the member is back in the group with their rights.
    moderator.post(f"/admin/city_members/edit/{membership.pk}/", {"active": "on"})
    assert rights(member_client(user)) == {"my city": 200, "certification": 200, "admin": 200}


def test_only_moderators_see_the_members_list():
    member = member_client(make_member(seoul(), "member@seoul.example.org"))
    assert member.get("/admin/city_members/").status_code in (302, 403)
