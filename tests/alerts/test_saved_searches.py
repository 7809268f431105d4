"""Saved searches: saved from the listing's parameters (checked by knowledge.query.parameters), only
their owner sees, renames or deletes them, and the weekly e-mail lists only new matches, once,
in the search's language, with a working unsubscribe link."""

from datetime import timedelta
from urllib.parse import urlparse

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import pytest

from alerts import searches
from alerts.models import MAX_SAVED_SEARCHES, SavedSearch
from demo import saved_searches as saved_searches_demo
from knowledge.models import InitiativePage
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    client_for,
    make_user,
)

pytestmark = pytest.mark.django_db

WEEK = timedelta(days=7)


@pytest.fixture
def site(homes):
    """An initiatives database in English and French, a city in each, an old water initiative."""
    made = {}
    for code in ("en", "fr"):
        InitiativeIndexPageFactory(parent=homes[code])
        cities = CityIndexPageFactory(parent=homes[code])
        made[code] = CityPageFactory(parent=cities, title=f"Quito {code}", slug="quito")
    old = InitiativePageFactory(parent=made["en"], title="Old water plan", sdgs=[6])
    _published(old, timezone.now() - timedelta(days=30))
    return made


def _published(page, moment):
    InitiativePage.objects.filter(pk=page.pk).update(first_published_at=moment)


@pytest.fixture
def member(db):
    return make_user("amina")


def _save(client, query, name="Water in Quito", code="en"):
    return client.post(f"/{code}/accounts/saved-searches/new/", {"name": name, "query": query})


def test_a_member_saves_the_listing_parameters_normalised(site, member):
    response = _save(
        client_for(member), "sdg=11,6&sdg=6&country=ec&q=water+(plan)&page=3&sort=title"
    )

    assert response.status_code == 302
    search = SavedSearch.objects.get(user=member)
    assert search.parameters == {"sdg": "6,11", "country": "EC", "q": "water plan"}
    assert search.language == "en"
    assert search.alerts_enabled


def test_a_bad_parameter_is_refused_with_the_listing_message(site, member, client):
    listing = client.get("/en/initiatives/", {"theme": "nope"})
    response = _save(client_for(member), "theme=nope")

    assert listing.status_code == response.status_code == 400
    message = listing.context["notice"]
    assert message.startswith("theme: ")
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_saved_searches_are_bounded(site, member):
    for number in range(MAX_SAVED_SEARCHES):
        SavedSearch.objects.create(user=member, name=f"s{number}", language="en")

    response = _save(client_for(member), "sdg=6")

    assert response.status_code == 400
    assert SavedSearch.objects.filter(user=member).count() == MAX_SAVED_SEARCHES


def test_signing_in_is_needed(site, client):
    assert client.get("/en/accounts/saved-searches/").status_code == 302
    assert _save(client, "sdg=6").status_code == 302
    assert not SavedSearch.objects.exists()


def test_only_the_owner_sees_renames_and_deletes(site, member):
    search = SavedSearch.objects.create(
        user=member, name="Water in Quito", language="en", parameters={"sdg": "6"}
    )
    other = client_for(make_user("boris"))

    listing = other.get("/en/accounts/saved-searches/")
    assert "Water in Quito" not in listing.content.decode()
    base = f"/en/accounts/saved-searches/{search.pk}"
    assert other.post(f"{base}/rename/", {f"{search.pk}-name": "Mine"}).status_code == 404
    assert other.post(f"{base}/delete/").status_code == 404
    assert other.post(f"{base}/e-mail/").status_code == 404
    search.refresh_from_db()
    assert (search.name, search.alerts_enabled) == ("Water in Quito", True)

    owner = client_for(member)
    page = owner.get("/en/accounts/saved-searches/").content.decode()
    assert "Water in Quito" in page
    assert "/en/initiatives/?sdg=6" in page
    assert owner.post(f"{base}/rename/", {f"{search.pk}-name": "Clean water"}).status_code == 302
    assert SavedSearch.objects.get().name == "Clean water"
    assert owner.post(f"{base}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_list_page_costs_the_same_for_many_searches(site, member):
    owner = client_for(member)

    def listed(count):
        for number in range(count):
            SavedSearch.objects.create(
                user=member, name=f"Search {number}", language=("en", "fr")[number % 2]
            )
        with CaptureQueriesContext(connection) as queries:
            response = owner.get("/en/accounts/saved-searches/")
        assert response.status_code == 200
        SavedSearch.objects.all().delete()
        return len(queries), response.content.decode()

    few, _page = listed(2)
    many, page = listed(8)

    # Session and user, the searches, the listing pages of their languages, the menus.
    assert many <= few <= 25  # the first request also fills the caches of menus and sites
    assert page.count('class="my-city-section saved-search"') == 8
    assert "/fr/initiatives/" in page


def test_the_listing_offers_to_save_only_to_signed_in_people(site, member, client):
    assert b"Save this search" not in client.get("/en/initiatives/", {"sdg": "6"}).content

    page = client_for(member).get("/en/initiatives/", {"sdg": "6", "page": "1"}).content.decode()
    assert "Save this search" in page
    assert 'name="query" value="sdg=6"' in page


def _run(now):
    mail.outbox.clear()
    return searches.send_due_alerts(now=now)


def test_the_weekly_email_sends_only_new_matches_once(site, member):
    start = timezone.now()
    search = SavedSearch.objects.create(
        user=member, name="Water", language="en", parameters={"sdg": "6"}, checked_until=start
    )
    new = InitiativePageFactory(parent=site["en"], title="New water kiosks", sdgs=[6])
    _published(new, start + timedelta(days=1))
    other_goal = InitiativePageFactory(parent=site["en"], title="Bus lanes", sdgs=[11])
    _published(other_goal, start + timedelta(days=1))

    # Not yet a week: nothing.
    assert _run(start + timedelta(days=6))["sent"] == 0
    assert not mail.outbox

    assert _run(start + WEEK) == {"sent": 1, "checked": 0, "skipped": 0}
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Water" in message.subject
    assert "New water kiosks" in message.body
    assert "Old water plan" not in message.body
    assert "Bus lanes" not in message.body
    assert "List-Unsubscribe" in message.extra_headers

    # Run again: nothing is due; a week later nothing is new, so nothing is sent.
    assert _run(start + WEEK)["sent"] == 0
    assert _run(start + 2 * WEEK) == {"sent": 0, "checked": 1, "skipped": 0}
    assert not mail.outbox

    # A newer initiative is sent once, alone.
    newer = InitiativePageFactory(parent=site["en"], title="Rain gardens", sdgs=[6])
    _published(newer, start + 2 * WEEK + timedelta(days=2))
    assert _run(start + 3 * WEEK)["sent"] == 1
    (message,) = mail.outbox
    assert "Rain gardens" in message.body
    assert "New water kiosks" not in message.body
    assert _run(start + 4 * WEEK)["sent"] == 0
    search.refresh_from_db()
    assert search.last_sent_at == start + 3 * WEEK


def test_the_email_is_in_the_language_of_the_search(site, member):
    start = timezone.now()
    SavedSearch.objects.create(user=member, name="Eau", language="fr", checked_until=start)
    french = InitiativePageFactory(parent=site["fr"], title="Kiosques à eau", sdgs=[6])
    _published(french, start + timedelta(days=1))
    english = InitiativePageFactory(parent=site["en"], title="Water kiosks", sdgs=[6])
    _published(english, start + timedelta(days=1))

    _run(start + WEEK)

    (message,) = mail.outbox
    with translation.override("fr"):
        subject = _("New initiatives for your saved search “%(name)s”") % {"name": "Eau"}
    assert message.subject == subject
    assert "Kiosques à eau" in message.body
    assert "Water kiosks" not in message.body
    assert "/fr/initiatives/" in message.body
    assert "/fr/accounts/saved-searches/" in message.body


def test_the_unsubscribe_link_works_without_signing_in(site, member):
    start = timezone.now()
    search = SavedSearch.objects.create(
        user=member, name="Water", language="en", parameters={"sdg": "6"}, checked_until=start
    )
    new = InitiativePageFactory(parent=site["en"], title="New water kiosks", sdgs=[6])
    _published(new, start + timedelta(days=1))
    _run(start + WEEK)
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    path = urlparse(link).path

    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(path).status_code == 200
    search.refresh_from_db()
    assert search.alerts_enabled  # a GET (a mail scanner following links) changes nothing
    assert visitor.post(path).status_code == 200
    search.refresh_from_db()
    assert not search.alerts_enabled

    new = InitiativePageFactory(parent=site["en"], title="More kiosks", sdgs=[6])
    _published(new, start + WEEK + timedelta(days=1))
    assert _run(start + 2 * WEEK)["sent"] == 0

    assert Client().get(path[:-3] + "xx/").status_code == 404


def test_queries_of_the_weekly_run_do_not_grow_with_searches(site, django_assert_max_num_queries):
    start = timezone.now()
    for number in range(5):
        user = make_user(f"user{number}")
        SavedSearch.objects.create(
            user=user, name="Water", language="en", parameters={"sdg": "6"}, checked_until=start
        )
    new = InitiativePageFactory(parent=site["en"], title="New water kiosks", sdgs=[6])
    _published(new, start + timedelta(days=1))

    # Per search: the check, the matches, the listing's address, the queued e-mail and its job.
    with django_assert_max_num_queries(5 + 5 * 14):
        assert _run(start + WEEK)["sent"] == 5


@pytest.mark.usefixtures("demo_content")
def test_the_demo_saved_search_finds_initiatives_and_loads_once(client):
    (search,) = SavedSearch.objects.all()
    assert (search.user.username, search.language) == ("daressalaam.member", "fr")
    assert saved_searches_demo.load(lambda message: None) == 0
    assert SavedSearch.objects.count() == 1

    response = client.get(f"/fr/initiatives/?{search.query_string()}")
    assert response.status_code == 200
    assert response.context["result_count"] >= 1
