"""The search service's own store and counts: documents follow the pages (publish, unpublish,
goals and themes), facets are counted by the database in a number of queries that does not
grow with the matches, and on PostgreSQL the database matches every language's words."""

from django.db import connection

import pytest

from search import engine
from search.models import SearchDocument
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranks and matches in the database"
)


@pytest.fixture
def city(homes):
    def make(language="en", title="Quito"):
        cities = CityIndexPageFactory(parent=homes[language])
        return CityPageFactory(
            parent=cities, title=title, country="EC", region="latin-america-caribbean"
        )

    return make


def found(locale, raw):
    """The ids of the pages a visitor's query finds (goals and resources left out)."""
    results = engine.search(locale, engine.clean_query(raw)).results
    return [result.pk for result in results if isinstance(result.pk, int)]


def facet(outcome, name):
    return {item["value"]: item["count"] for item in outcome.facets[name]}


def test_a_published_page_has_its_document_and_facet_values(city):
    page = InitiativePageFactory(
        parent=city(), title="Bus lanes", sdgs=[11, 13], themes=["transport"], start_year=2019
    )

    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.facets == {
        "type:knowledge.InitiativePage": 1,
        "sdg:11": 1,
        "sdg:13": 1,
        "theme:transport": 1,
        "region:latin-america-caribbean": 1,
        "country:EC": 1,
        "year:2019": 1,
    }


def test_changed_goals_are_counted_after_publishing_again(city):
    page = InitiativePageFactory(parent=city(), title="Zorblat lanes", sdgs=[11])
    goal = type(page.sdgs.first()).objects.get(locale=page.locale, number=6)
    page.sdgs = [*page.sdgs.all(), goal]
    page.save_revision().publish()

    outcome = engine.search(page.locale, "zorblat")
    assert facet(outcome, "sdg") == {6: 1, 11: 1}


def test_an_unpublished_page_is_no_longer_found_nor_counted(city):
    page = InitiativePageFactory(parent=city(), title="Zorblat lanes")
    assert found(page.locale, "zorblat") == [page.pk]

    page.unpublish()

    outcome = engine.search(page.locale, "zorblat")
    assert list(outcome.results) == []
    assert facet(outcome, "type") == {}


def test_facets_count_the_other_selections_and_filters_narrow(city):
    quito = city()
    InitiativePageFactory(parent=quito, title="Zorblat one", sdgs=[11], themes=["transport"])
    InitiativePageFactory(parent=quito, title="Zorblat two", sdgs=[6], themes=["transport"])
    InitiativePageFactory(
        parent=quito, title="Zorblat three", sdgs=[6], themes=["water-sanitation"]
    )

    outcome = engine.search(quito.locale, "zorblat", {"sdg": {6}})

    assert sorted(result.title for result in outcome.results) == ["Zorblat three", "Zorblat two"]
    # Within the goal facet, the other goals still count (choices are alternatives)…
    assert facet(outcome, "sdg") == {6: 2, 11: 1}
    # …other facets count only what the selection keeps.
    assert facet(outcome, "theme") == {"transport": 1, "water-sanitation": 1}
    assert outcome.total_matches == 3


@pytest.mark.parametrize("matches", [5, 40])
def test_queries_do_not_grow_with_the_number_of_matches(
    city, matches, django_assert_max_num_queries
):
    quito = city()
    for n in range(matches):
        InitiativePageFactory(
            parent=quito, title=f"Zorblat {n}", sdgs=[11, 6], themes=["water-sanitation"]
        )

    with django_assert_max_num_queries(24):
        outcome = engine.search(quito.locale, "zorblat", {"theme": {"water-sanitation"}})
        results = engine.with_excerpts(outcome.results[:10], "zorblat")
    assert len(results) == min(matches, 10)
    assert len(outcome.results) == matches


@postgres_only
def test_postgres_matches_chinese_characters_and_pairs(city):
    page = InitiativePageFactory(
        parent=city("zh-hans", "基多"), title="城市粮食安全计划", summary="社区菜园"
    )

    for query in ("粮食", "粮", "粮食安全", "菜园"):
        assert found(page.locale, query) == [page.pk], query
    assert found(page.locale, "食粮") == []


@postgres_only
def test_postgres_matches_arabic_with_or_without_diacritics(city):
    page = InitiativePageFactory(parent=city("ar", "كيتو"), title="الأمن الغذائي في المدينة")

    for query in ("الغذائي", "الغِذائي", "الامن"):
        assert found(page.locale, query) == [page.pk], query


@postgres_only
def test_postgres_stems_in_the_page_language(city):
    quito = city("fr", "Quito")
    page = InitiativePageFactory(parent=quito, title="Gestion des eaux pluviales")
    InitiativePageFactory(parent=quito, title="Niveaux de service", summary="Des bus")

    # "eaux" is found as "eau", and "eau" is not found inside "niveaux".
    assert found(page.locale, "eau") == [page.pk]
    assert found(page.locale, "pluviale") == [page.pk]


def test_a_database_without_documents_gets_them_at_migrate(city):
    from django.core.management import call_command

    page = InitiativePageFactory(parent=city(), title="Zorblat lanes", sdgs=[11])
    SearchDocument.objects.all().delete()
    assert found(page.locale, "zorblat") == []

    # What `migrate` runs when it ends (post_migrate), here without the migrations themselves.
    call_command("migrate", "search", verbosity=0)

    assert found(page.locale, "zorblat") == [page.pk]
    assert SearchDocument.objects.get(page_id=page.pk).facets["sdg:11"] == 1
