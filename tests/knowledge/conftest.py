from django.core import mail

from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from knowledge.models import (
    CityIndexPage,
    CityPage,
    InitiativeComment,
    InitiativePage,
    ReplicationInterest,
)

from .members import make_member, make_moderator, member_client


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def english_cities(demo_content):
    return CityIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def seoul(demo_content):
    return CityPage.objects.get(slug="seoul", locale__language_code="en")


@pytest.fixture
def demo_initiative(demo_content):
    """Milan's food policy, in every language (from the demo content)."""

    def get(code="en"):
        return InitiativePage.objects.get(slug="milan-food-policy", locale__language_code=code)

    return get


@pytest.fixture
def moderator(db):
    return make_moderator()


@pytest.fixture
def moderator_client(moderator):
    return member_client(moderator)


def make_private(page):
    """Put `page` (and what is under it) behind a password."""
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return Page.objects.get(pk=page.pk)


@pytest.fixture
def no_demo_interaction(db):
    """For tests that count the comments and replications they record: the demo's go first."""
    InitiativeComment.objects.all().delete()
    ReplicationInterest.objects.all().delete()


@pytest.fixture
def milan(demo_initiative):
    return demo_initiative("en")


@pytest.fixture
def seoul_member(seoul):
    member = make_member(seoul, "ji-ho@seoul.example.org", name="Ji-ho Park")
    mail.outbox.clear()  # the welcome e-mail
    return member
