"""The demo's SDG City Award: a decided, published 2026 cycle with a winner and finalists among
the demo initiatives, translated, loaded once; its API response matches the OpenAPI document."""

import pytest

from awards.models import AwardCycle, AwardProgramme, Nomination, Score
from demo import awards as demo_awards
from knowledge.models import InitiativePage
from tests.cms import conftest as cms_conftest

# The OpenAPI document, called in-process (the fixture of tests/cms).
api_schema = cms_conftest.api_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_the_demo_cycle_shows_its_winner_in_french_and_loads_once(client):
    french = client.get("/fr/awards/sdg-city-award/2026/").content.decode()
    assert "Prix Ville ODD 2026" in french
    rosario_food = InitiativePage.objects.get(
        slug="sustainable-food-production", locale__language_code="fr"
    )
    assert rosario_food.title in french
    initiative_page = client.get(rosario_food.url).content.decode()
    assert "Prix Ville ODD 2026" in initiative_page
    counts = (AwardCycle.objects.count(), Nomination.objects.count(), Score.objects.count())
    demo_awards.load(lambda message: None)
    assert (AwardCycle.objects.count(), Nomination.objects.count(), Score.objects.count()) == counts
    assert AwardProgramme.objects.filter(code="sdg-city-award").count() == 6


def test_the_demo_results_in_the_api_match_the_schema(api_schema):
    case = api_schema["/api/v2/awards/"]["GET"].Case(query={"locale": "ar", "year": "2026"})
    response = case.call()
    assert response.status_code == 200
    case.validate_response(response)
    data = response.json()
    assert data["meta"]["total_count"] == 3
    assert [item["rank"] for item in data["items"]] == ["winner", "finalist", "finalist"]
    assert data["items"][0]["programme"]["name"] == "جائزة مدينة أهداف التنمية المستدامة"
