"""The pages API's detail reads the page with what its fields show, its visible parent in one
query, and serializers made once per model and `fields` (api.base.ReusedSerializersMixin): the
same answers as Wagtail's, in fewer queries."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(homes):
    cities = CityIndexPageFactory(parent=homes["en"])
    quito = CityPageFactory(parent=cities, title="Quito", country="EC")
    return InitiativePageFactory(parent=quito, title="Bus lanes", sdgs=[11], themes=["transport"])


def detail(client, page, query=""):
    response = client.get(f"/api/v2/pages/{page.pk}/{query}")
    assert response.status_code == 200
    return response.json()


def test_the_detail_shows_its_city_language_and_parent(
    client, initiative, django_assert_max_num_queries
):
    detail(client, initiative)
    with django_assert_max_num_queries(7):
        data = detail(client, initiative)
    assert data["city"]["title"] == "Quito"
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["parent"]["title"] == "Quito"
    assert data["meta"]["parent"]["meta"]["type"] == "knowledge.CityPage"
    assert [goal["number"] for goal in data["sdgs"]] == [11]
    assert [theme["code"] for theme in data["themes"]] == ["transport"]


def test_a_page_below_a_restricted_page_is_not_found(client, initiative):
    PageViewRestriction.objects.create(
        page=initiative.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(f"/api/v2/pages/{initiative.pk}/").status_code == 404
    city_index = initiative.get_parent().get_parent()
    PageViewRestriction.objects.filter(page=initiative.get_parent()).delete()
    PageViewRestriction.objects.create(
        page=city_index.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(f"/api/v2/pages/{initiative.pk}/").status_code == 404


def test_each_fields_choice_gets_its_own_serializer(client, initiative):
    assert set(detail(client, initiative, "?fields=_,title")) == {"title"}
    everything = detail(client, initiative)
    assert "summary" in everything and "city" in everything
    without = detail(client, initiative, "?fields=-summary")
    assert "summary" not in without and "city" in without
    # The same choice again answers the same.
    assert set(detail(client, initiative, "?fields=_,title")) == {"title"}
    response = client.get(f"/api/v2/pages/{initiative.pk}/?fields=nope")
    assert response.status_code == 400
    assert "nope" in response.json()["message"]


def test_links_are_wagtails_without_reading_the_root_paths_from_the_cache(client, initiative):
    from django.core.cache import cache

    detail(client, initiative)
    cache.delete("wagtail_site_root_paths", version=2)
    data = detail(client, initiative)
    assert cache.get("wagtail_site_root_paths", version=2) is None
    assert data["meta"]["html_url"] == initiative.full_url
    assert data["meta"]["parent"]["meta"]["html_url"] == initiative.get_parent().full_url


@pytest.mark.parametrize("query", ["?locale=fr", "?type=knowledge.CityPage", "?child_of={home}"])
def test_a_page_outside_the_filters_is_not_found(client, homes, initiative, query):
    # Wagtail applies the listing's filters to the detail too.
    query = query.format(home=homes["en"].pk)
    response = client.get(f"/api/v2/pages/{initiative.pk}/{query}")
    assert response.status_code == 404
    assert "message" in response.json()


def test_an_unknown_or_unpublished_page_is_not_found(client, initiative):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "No Page matches the given query."}
    response = client.get(f"/api/v2/pages/{initiative.pk}/?type=knowledge.CityPage")
    assert response.json() == {"message": "No CityPage matches the given query."}
    initiative.unpublish()
    assert client.get(f"/api/v2/pages/{initiative.pk}/").status_code == 404
