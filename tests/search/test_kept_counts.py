"""Totals kept between requests (knowledge.base.cache_tags.fragment) stay true: the pages API's
total_count and, on PostgreSQL, a search's ranked ids and counts are read from the cache on a
repeated request, and a publication, an unpublication or a change of privacy shows at once."""

from django.db import connection

from wagtail.models import PageViewRestriction

import pytest

from search import engine
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=knowledge.InitiativePage&locale=en"


@pytest.fixture
def kept(homes, fragments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cities = CityIndexPageFactory(parent=homes["en"])
        quito = CityPageFactory(parent=cities, title="Quito", country="EC")
        pages = [
            InitiativePageFactory(parent=quito, title=f"Zorblat lanes {n}", sdgs=[11])
            for n in range(2)
        ]
    return {"city": quito, "pages": pages}


def total(client):
    response = client.get(LISTING)
    assert response.status_code == 200
    return response.json()["meta"]["total_count"]


def counts(queries):
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_the_api_total_is_counted_once_then_kept(client, kept, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as first:
        assert total(client) == 2
    assert counts(first)
    with django_assert_max_num_queries(30) as second:
        assert total(client) == 2
    assert not counts(second)
    # Another filter or language is another count.
    response = client.get(LISTING + "&sdg=6")
    assert response.json()["meta"]["total_count"] == 0


def test_publishing_unpublishing_and_privacy_show_at_once(
    client, kept, django_capture_on_commit_callbacks
):
    assert total(client) == 2
    with django_capture_on_commit_callbacks(execute=True):
        InitiativePageFactory(parent=kept["city"], title="Zorblat roofs", sdgs=[11])
    assert total(client) == 3

    with django_capture_on_commit_callbacks(execute=True):
        kept["pages"][0].unpublish()
    assert total(client) == 2

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=kept["city"], restriction_type=PageViewRestriction.LOGIN
        )
    assert total(client) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the combined query is PostgreSQL's")
def test_a_repeated_search_is_kept_until_a_page_changes(
    kept, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    locale = kept["city"].locale
    first = engine.search(locale, "zorblat")
    assert first.total_matches == 2
    with django_assert_max_num_queries(20) as again:
        assert engine.search(locale, "zorblat").total_matches == 2
    assert not [q for q in again.captured_queries if "search_searchdocument" in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        added = InitiativePageFactory(parent=kept["city"], title="Zorblat roofs", sdgs=[6])
    outcome = engine.search(locale, "zorblat")
    assert outcome.total_matches == 3
    assert added.pk in [page.pk for page in outcome.results[:10]]

    with django_capture_on_commit_callbacks(execute=True):
        added.unpublish()
    assert engine.search(locale, "zorblat").total_matches == 2
