"""A city's contributors do not see other cities' drafts in the admin: choosers, searches and the
explorer show them only what is live and what they may edit."""

import pytest

from knowledge.models import CityPage, InitiativePage
from tests.factories import InitiativePageFactory

from .members import make_member, make_moderator, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

TITLE = "Secret Milan draft"


def city(slug):
    return CityPage.objects.get(slug=slug, locale__language_code="en")


@pytest.fixture
def milan_draft():
    return InitiativePageFactory(parent=city("milan"), title=TITLE, slug="secret", live=False)


def addresses(draft):
    milan = draft.get_parent()
    return [
        f"/admin/pages/{draft.pk}/",
        f"/admin/pages/{draft.pk}/results/",
        f"/admin/pages/{milan.pk}/",
        f"/admin/pages/{milan.pk}/?q=secret",
        "/admin/pages/search/?q=secret",
        f"/admin/choose-page/{milan.pk}/",
        f"/admin/choose-page/{draft.pk}/",
        "/admin/choose-page/search/?q=secret",
        "/admin/choose-page/search/?q=Secret+Milan",
    ]


def test_another_citys_contributor_never_sees_the_draft(milan_draft):
    seoul_member = member_client(make_member(city("seoul"), "a@seoul.example.org"))

    for address in addresses(milan_draft):
        response = seoul_member.get(address)
        assert response.status_code in (200, 404), address
        assert TITLE not in response.content.decode(), address
    assert seoul_member.get(f"/admin/pages/{milan_draft.pk}/").status_code == 404


def test_live_pages_of_other_cities_stay_choosable(milan_draft):
    seoul_member = member_client(make_member(city("seoul"), "b@seoul.example.org"))

    live = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")

    browsed = seoul_member.get(f"/admin/choose-page/{city('milan').pk}/")
    searched = seoul_member.get("/admin/choose-page/search/", {"q": live.title})

    assert live.title in browsed.content.decode()
    assert live.title in searched.content.decode()


@pytest.mark.parametrize("who", ["milan member", "moderator"])
def test_those_who_may_edit_it_find_it(milan_draft, who):
    if who == "moderator":
        user = make_moderator()
    else:
        user = make_member(city("milan"), "c@milan.example.org")
    client = member_client(user)

    assert TITLE in client.get(f"/admin/pages/{milan_draft.pk}/").content.decode()
    assert TITLE in client.get("/admin/choose-page/search/?q=secret").content.decode()
    assert TITLE in client.get(f"/admin/choose-page/{city('milan').pk}/").content.decode()
