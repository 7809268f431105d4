"""SQL per request does not grow with the number of items, for the listings that
tests/cms/test_queries_per_listing.py and tests/search/test_listing_query_bounds.py do not
measure: the taxonomy API (themes, goals) and what signed-in people list: a member's saved
searches, a city's certification applications, the review list of a technical reviewer and of
the secretariat, and the exchanges shared with partners in the admin. Each is measured with 5
items and with 50 (saved searches: with 5 and with the most a member may keep; goals: 5 and all
17): the same number of queries, and below a bound. A light site made by the factories."""

import re

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from alerts.models import MAX_SAVED_SEARCHES, SavedSearch
from certification import setup, workflow
from certification.models import Application
from exchanges import services
from exchanges.models import Exchange
from knowledge.models import Theme
from tests.certification.conftest import make_reviewer
from tests.cms.test_queries_per_listing import FEW, MANY, queries
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    client_for,
    make_user,
)
from tests.knowledge.members import make_member
from tests.search.test_listing_query_bounds import assert_constant

pytestmark = pytest.mark.django_db

# Links to one application; the list's "new application" form posts elsewhere.
APPLICATION_LINK = re.compile(r'href="/en/certification/applications/\d+/"')


def test_the_themes_api(client, homes):
    english = homes["en"].locale
    counts = {}
    for limit in (FEW, MANY):
        # The migrations make some themes already: as many more as the window needs.
        for number in range(Theme.objects.filter(locale=english).count(), limit):
            Theme.objects.create(code=f"theme-{number}", title=f"Theme {number}", locale=english)
        counts[limit], response = queries(client, "/api/v2/themes/", {"limit": limit})
        assert len(response.json()["items"]) == limit
    assert_constant({"/api/v2/themes/": (counts[FEW], counts[MANY])})
    assert "Theme 49" in response.content.decode()


def test_the_goals_api(client, homes):
    # The 17 goals the migrations make: a window of 5, then all of them.
    counts = {}
    for limit in (FEW, 17):
        counts[limit], response = queries(client, "/api/v2/sdgs/", {"limit": limit})
        assert len(response.json()["items"]) == limit
    assert_constant({"/api/v2/sdgs/": (counts[FEW], counts[17])})
    assert "Partnerships for the goals" in response.content.decode()


def test_a_members_saved_searches(homes):
    # Searches link to the initiatives database of their language: one in each of two.
    for code in ("en", "fr"):
        InitiativeIndexPageFactory(parent=homes[code])
    member = make_user("amina")
    owner = client_for(member)
    path = "/en/accounts/saved-searches/"

    def measure(size):
        for number in range(SavedSearch.objects.count(), size):
            SavedSearch.objects.create(
                user=member,
                name=f"Water search {number}",
                language=("en", "fr")[number % 2],
                parameters={"sdg": "6", "q": f"water {number}"},
            )
        return queries(owner, path)

    # A member may keep at most MAX_SAVED_SEARCHES (fewer than MANY): the most they can have.
    few, _response = measure(FEW)
    many, response = measure(MAX_SAVED_SEARCHES)
    assert_constant({path: (few, many)})
    page = response.content.decode()
    assert page.count('class="my-city-section saved-search"') == MAX_SAVED_SEARCHES
    assert "Water search 19" in page


@pytest.fixture
def cities(homes):
    return CityIndexPageFactory(parent=homes["en"])


def submitted(city, member, when):
    """An application of `city`, submitted. The lists read only the application, its stage and
    its city: its answers and evidence are left out, and so is the completeness check."""
    application = workflow.start(city.translation_key, member, "en")
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.SUBMITTED, submitted_at=when
    )
    application.refresh_from_db()
    return application


def test_a_citys_applications(cities):
    city = CityPageFactory(parent=cities, title="Busan", country="KR")
    member = make_member(city, "focal@busan.example.org")
    city_client = client_for(member)
    path = "/en/certification/applications/"

    def measure(size):
        for _number in range(Application.objects.count(), size):
            # Closed without a certificate, so that the city may apply again.
            application = submitted(city, member, timezone.now())
            Application.objects.filter(pk=application.pk).update(
                status=Application.Status.NOT_ELIGIBLE
            )
        return queries(city_client, path)

    few, _response = measure(FEW)
    many, response = measure(MANY)
    assert_constant({path: (few, many)})
    page = response.content.decode()
    assert len(APPLICATION_LINK.findall(page)) == MANY
    assert "Not yet eligible" in page


def test_the_review_lists(cities):
    secretary = make_user("secretary", setup.SECRETARIAT)
    reviewer = make_reviewer("reviewer", ["en", "fr"])
    readers = {"secretariat": client_for(secretary), "reviewer": client_for(reviewer)}
    path = "/en/certification/review/"

    def measure(size):
        for number in range(Application.objects.count(), size):
            city = CityPageFactory(parent=cities, title=f"City {number}", country="EC")
            member = make_member(city, f"focal@city-{number}.example.org")
            application = submitted(city, member, timezone.now())
            workflow.assign(application, reviewer.technical_reviewer, secretary)
            workflow.declare(application.assignments.get(reviewer=reviewer), False, "", reviewer)
        return {name: queries(reader, path)[0] for name, reader in readers.items()}

    few, many = measure(FEW), measure(MANY)
    assert_constant({name: (few[name], many[name]) for name in few})
    for reader in readers.values():
        page = reader.get(path).content.decode()
        assert len(APPLICATION_LINK.findall(page)) == MANY
        assert "City 49" in page


def test_the_exchanges_shared_with_partners(cities):
    milan = CityPageFactory(parent=cities, title="Milan", country="IT", region="europe")
    danang = CityPageFactory(parent=cities, title="Da Nang", country="VN", region="asia-pacific")
    asking = make_member(milan, "milan@example.org")
    answering = make_member(danang, "danang@example.org")
    partner = make_user("partner", "Editors")
    partner.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_exchange", "access_admin"])
    )
    partner_client = client_for(partner)
    with translation.override("en"):
        path = reverse("exchanges_shared")

    def measure(size):
        for number in range(Exchange.objects.count(), size):
            exchange = services.open_exchange(
                milan.translation_key,
                danang.translation_key,
                asking,
                Exchange.Kind.CONTACT,
                body=f"Question {number}",
                language="en",
            )
            # Declined, so that the next one is a new exchange, not a message in this one.
            exchange.move(Exchange.State.DECLINED, answering, danang.translation_key)
            services.set_shared(exchange, True)
        return queries(partner_client, path)

    few, _response = measure(FEW)
    many, response = measure(MANY)
    assert_constant({path: (few, many)})
    page = response.content.decode()
    assert page.count("Milan → Da Nang") == MANY
    assert "Question 49" in page
