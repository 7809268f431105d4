"""In every language: no draft, private or in-moderation initiative, event or webinar reaches the
API, the HTML listings and search, the RSS and Atom feeds or the iCalendar exports."""

import datetime

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from knowledge.initiatives.moderation import submit_for_moderation
from knowledge.models import CityPage
from pages.models import EventIndexPage, EventPage, WebinarIndexPage, WebinarPage
from tests.conftest import LANGUAGE_CODES
from tests.factories import InitiativePageFactory
from tests.knowledge.members import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

MARK = "Sweepcheck"
# What must never appear (search pages echo the query itself back).
HIDDEN = [
    f"{MARK} {code} {what}"
    for code in LANGUAGE_CODES
    for what in (
        "draft",
        "private",
        "moderation",
        "pending",
        "eventpage draft",
        "eventpage private",
        "webinarpage draft",
        "webinarpage private",
    )
]


def _scheduled(model, index, title, *, live=True):
    start = (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    page = model(
        title=title,
        slug=title.lower().replace(" ", "-"),
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="UTC",
        live=False,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def _private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


@pytest.fixture
def hidden(django_capture_on_commit_callbacks):
    """In each language: a draft, a private and an in-moderation initiative; a draft and a
    private event and webinar; and a live page with a pending change to its title."""
    member = None
    for code in LANGUAGE_CODES:
        city = CityPage.objects.get(slug="quito", locale__language_code=code)
        if member is None:
            member = make_member(city, "sweep@quito.example.org")
        tag = f"{MARK} {code}"
        InitiativePageFactory(parent=city, title=f"{tag} draft", live=False, sdgs=[11])
        _private(InitiativePageFactory(parent=city, title=f"{tag} private", sdgs=[11]))
        moderated = InitiativePageFactory(
            parent=city, title=f"{tag} moderation", live=False, sdgs=[11]
        )
        submit_for_moderation(moderated, member)
        pending = InitiativePageFactory(parent=city, title=f"Visible {code}", sdgs=[11])
        pending.title = f"{tag} pending"
        pending.save_revision()
        for model, index_model in ((EventPage, EventIndexPage), (WebinarPage, WebinarIndexPage)):
            index = index_model.objects.get(locale__language_code=code)
            kind = model.__name__.lower()
            _scheduled(model, index, f"{tag} {kind} draft", live=False)
            _private(_scheduled(model, index, f"{tag} {kind} private"))
            _scheduled(model, index, f"Visible {code} {kind}")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_nothing_hidden_in_any_language(client, hidden, code):
    prefix = f"/{code}"
    requests = [
        ("/api/v2/pages/", {"locale": code, "fields": "*", "limit": 100, "order": "-id"}),
        ("/api/v2/pages/", {"locale": code, "search": MARK}),
        ("/api/v2/pages/", {"locale": code, "type": "pages.EventPage", "fields": "*"}),
        ("/api/v2/pages/", {"locale": code, "type": "pages.WebinarPage", "upcoming": "true"}),
        ("/api/v2/search/", {"q": MARK, "locale": code}),
        (f"{prefix}/search/", {"q": MARK}),
        (f"{prefix}/initiatives/", {"q": MARK}),
        (f"{prefix}/initiatives/", {"sdg": "11"}),
        (f"{prefix}/events/", {}),
        (f"{prefix}/webinars/", {}),
        (f"{prefix}/events/calendar/", {}),
        (f"{prefix}/cities/quito/", {}),
    ]
    for kind in ("initiatives", "events", "webinars"):
        requests += [(f"{prefix}/feeds/{kind}.rss", {}), (f"{prefix}/feeds/{kind}.atom", {})]

    for path, params in requests:
        response = Client().get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
        body = response.content.decode()
        for text in HIDDEN:
            assert text not in body, (text, path, params)
    # The visible pages are there, so the requests above did look at this language.
    feeds = client.get(f"{prefix}/feeds/events.rss").content.decode()
    assert f"Visible {code} eventpage" in feeds
    calendar = client.get(f"{prefix}/events/calendar/").content.decode()
    assert f"Visible {code} eventpage" in calendar
    latest = client.get("/api/v2/pages/", requests[0][1]).json()["items"]
    assert f"Visible {code}" in {item["title"] for item in latest}
