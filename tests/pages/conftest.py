import datetime

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from pages.models import EventIndexPage, EventPage, WebinarIndexPage


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def event_index(demo_content):
    return EventIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def webinar_index(demo_content):
    return WebinarIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def make_event(event_index):
    """Publish an English event; times are aware datetimes."""

    def make(title, start, end=None, **fields):
        page = EventPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            start=start,
            end=end or start + datetime.timedelta(hours=2),
            time_zone=fields.pop("time_zone", "UTC"),
            **fields,
        )
        event_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def in_days(days, hour=10):
    return (timezone.now() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
