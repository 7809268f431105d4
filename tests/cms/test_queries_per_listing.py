"""SQL per request does not grow with the number of items: every listing, HTML and API, makes as
many queries with 50 items as with 5 (in the corpus for HTML listings and feeds, whose pages
have a fixed size; in the window, `limit`, for the API). A light site made by the factories."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from pages.models import EventIndexPage, EventPage, WebinarIndexPage, WebinarPage
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50

HTML = [
    "/en/initiatives/",
    "/en/initiatives/?sdg=11&theme=transport",
    "/en/initiatives/?q=bus",
    "/en/events/",
    "/en/webinars/",
    "/en/cities/",
    # Words found in one page type: specific() costs a query per page type on the results page.
    "/en/search/?q=lanes",
    "/en/search/?q=bus&type=knowledge.InitiativePage&sdg=11",
    "/en/feeds/initiatives.rss",
    "/en/feeds/events.rss",
    "/en/feeds/webinars.atom",
]
API = [
    ("/api/v2/pages/", {"type": "knowledge.InitiativePage", "fields": "*"}),
    ("/api/v2/pages/", {"type": "knowledge.InitiativePage", "sdg": "11", "search": "bus"}),
    ("/api/v2/pages/", {"type": "knowledge.CityPage", "fields": "*"}),
    ("/api/v2/pages/", {"type": "pages.EventPage", "fields": "*"}),
    ("/api/v2/pages/", {"type": "pages.WebinarPage", "fields": "*"}),
    ("/api/v2/pages/", {}),
    ("/api/v2/search/", {"q": "lanes", "locale": "en"}),
    ("/api/v2/search/", {"q": "bus", "locale": "en", "type": "knowledge.InitiativePage"}),
]


def _publish(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()


class Site:
    """Cities with initiatives, events and webinars in English, grown to a number of each."""

    def __init__(self, homes):
        home = homes["en"]
        InitiativeIndexPageFactory(parent=home)
        self.cities = CityIndexPageFactory(parent=home)
        self.events = EventIndexPage(title="Events", slug="events")
        self.webinars = WebinarIndexPage(title="Webinars", slug="webinars")
        for index in (self.events, self.webinars):
            _publish(home, index)
        self.count = 0
        self.start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)

    def grow(self, to):
        for number in range(self.count, to):
            city = CityPageFactory(parent=self.cities, title=f"City {number}", country="EC")
            InitiativePageFactory(
                parent=city,
                title=f"Bus lanes {number}",
                sdgs=[11, 13][: 1 + number % 2],
                themes=["transport"],
                start_year=2000 + number,
            )
            times = {
                "start": self.start + datetime.timedelta(days=number),
                "end": self.start + datetime.timedelta(days=number, hours=2),
                "time_zone": "UTC",
            }
            _publish(self.events, EventPage(title=f"Bus forum {number}", **times))
            _publish(self.webinars, WebinarPage(title=f"Bus webinar {number}", **times))
        self.count = to


@pytest.fixture
def site(homes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Site(homes)


def queries(client, path, params=None):
    client.get(path, params)  # caches warmed (content types, taxonomies, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    return len(context.captured_queries), response


def test_listings_make_as_many_queries_for_50_items_as_for_5(client, site):
    # One test over every listing: making the pages is the slow part.
    site.grow(FEW)
    few = {path: queries(client, path)[0] for path in HTML}
    site.grow(MANY)
    many = {path: queries(client, path)[0] for path in HTML}

    assert many == few

    for path, params in API:
        few, response = queries(client, path, {**params, "limit": FEW})
        assert len(response.json()["items"]) == FEW, (path, params)
        many, response = queries(client, path, {**params, "limit": MANY})
        assert len(response.json()["items"]) == MANY, (path, params)
        assert many == few, (path, params, few, many)
