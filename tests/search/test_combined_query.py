"""On PostgreSQL one query gives a search's ranked ids and every facet count (search.combined),
over the `facet_values` array the database keeps from the facets: the same answers as counting
each facet on its own, and the array follows the facets when a page's goals change."""

from django.db import connection

import pytest

from search import combined, engine, facets
from search.models import SearchDocument
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


@pytest.fixture
def quito(homes):
    cities = CityIndexPageFactory(parent=homes["en"])
    return CityPageFactory(
        parent=cities, title="Quito", country="EC", region="latin-america-caribbean"
    )


def facet_values(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet_values FROM search_searchdocument WHERE page_id = %s", [page.pk]
        )
        return cursor.fetchone()[0]


def test_the_array_follows_the_facets(quito):
    page = InitiativePageFactory(parent=quito, title="Bus lanes", sdgs=[11], start_year=2019)
    assert facet_values(page) == sorted(SearchDocument.objects.get(page_id=page.pk).facets)
    assert "sdg:11" in facet_values(page)

    goal = type(page.sdgs.first()).objects.get(locale=page.locale, number=6)
    page.sdgs = [goal]
    page.save_revision().publish()

    assert "sdg:6" in facet_values(page)
    assert "sdg:11" not in facet_values(page)


@pytest.mark.parametrize(
    "selected",
    [
        {},
        {"sdg": {6}},
        {"sdg": {6, 11}, "theme": {"transport"}},
        {"year": {2019}, "type": {"knowledge.InitiativePage"}},
        {"country": {"FR"}},
    ],
)
def test_one_query_answers_as_counting_each_facet(quito, selected, django_assert_num_queries):
    for n, (goals, themes, year) in enumerate(
        [([11], ["transport"], 2019), ([6], ["transport"], 2020), ([6, 11], [], 2019)] * 3
    ):
        InitiativePageFactory(
            parent=quito, title=f"Zorblat {n}", sdgs=goals, themes=themes, start_year=year
        )
    documents, ids = engine._matched_documents(quito.locale, "zorblat")
    assert ids is None  # ranked by the database

    with django_assert_num_queries(1):
        keys, counters, total = combined.search(documents, selected, 4)

    expected = facets._counters(documents, selected)
    assert counters == expected
    assert total == 9
    kept = list(facets.narrowed(documents, selected).values_list("pk", flat=True))
    assert keys == kept[:4]
    if not selected:
        assert sum(counters["type"].values()) == 9 and len(keys) == 4
