"""Site search: ranking, facets, privacy, languages, odd input; the API and suggestions."""

from django.contrib.auth import get_user_model

import pytest
from bs4 import BeautifulSoup

from knowledge.models import CityPage
from tests.factories import InitiativePageFactory
from tests.knowledge.conftest import make_private

pytestmark = pytest.mark.django_db

API = "/api/v2/search/"


def titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".result-list h2 a")]


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def seoul(db):
    return CityPage.objects.get(slug="seoul", locale__language_code="en")


def initiative(seoul, title, summary="", background="", **kwargs):
    return InitiativePageFactory(
        parent=seoul,
        title=title,
        summary=summary,
        background=f"<p>{background}</p>" if background else "",
        sdgs=kwargs.pop("sdgs", [11]),
        themes=kwargs.pop("themes", ["transport"]),
        **kwargs,
    )


@pytest.mark.usefixtures("demo_content")
def test_title_and_summary_matches_rank_above_body_matches(client, seoul):
    initiative(seoul, "Street trees", background="Volunteers water the zorblat saplings.")
    initiative(seoul, "Zorblat canopy plan", summary="Trees along every avenue.")
    initiative(seoul, "Shade for bus stops", summary="A zorblat roof at every stop.")

    ranked = titles(client.get("/en/search/", {"q": "zorblat"}))
    assert ranked[-1] == "Street trees"
    assert set(ranked[:2]) == {"Zorblat canopy plan", "Shade for bus stops"}


@pytest.mark.usefixtures("demo_content")
def test_exact_phrase_ranks_above_scattered_words(client, seoul):
    initiative(seoul, "Plan one", summary="Quixel corridors give shade; the vorpal rivers stay.")
    initiative(seoul, "Plan two", summary="Vorpal quixel corridors along the rivers.")

    ranked = titles(client.get("/en/search/", {"q": "vorpal quixel"}))
    assert ranked == ["Plan two", "Plan one"]


@pytest.mark.usefixtures("demo_content")
def test_facet_counts_equal_the_numbers_of_results(client, seoul):
    initiative(seoul, "Glimmer buses", summary="glimmer", sdgs=[11], themes=["transport"])
    initiative(seoul, "Glimmer water", summary="glimmer", sdgs=[6], themes=["water-sanitation"])
    initiative(
        seoul, "Glimmer homes", summary="glimmer", sdgs=[11], themes=["housing"], start_year=2019
    )
    data = api(client, q="glimmer", locale="en")
    assert data["meta"]["total_count"] == 3
    for name in ("type", "sdg", "theme", "region", "country", "year"):
        for value in data["facets"][name]:
            chosen = api(client, q="glimmer", locale="en", **{name: value["value"]})
            assert chosen["meta"]["total_count"] == value["count"], (name, value)
    sdg11 = {v["value"]: v for v in data["facets"]["sdg"]}[11]
    assert sdg11["count"] == 2 and sdg11["label"].startswith("11. ")
    # Facets combine: OR within one, AND across.
    assert api(client, q="glimmer", locale="en", sdg="6,11")["meta"]["total_count"] == 3
    assert (
        api(client, q="glimmer", locale="en", sdg="11", theme="housing")["meta"]["total_count"] == 1
    )
    assert data["facets"]["country"] == [{"value": "KR", "label": "South Korea", "count": 3}]


@pytest.mark.usefixtures("demo_content")
def test_unpublished_private_and_waiting_initiatives_are_never_found(client, seoul):
    initiative(seoul, "Wumpus draft", summary="wumpus", live=False)
    private = initiative(seoul, "Wumpus private", summary="wumpus")
    make_private(private)
    waiting = initiative(seoul, "Wumpus waiting", summary="wumpus", live=False)
    submitter = get_user_model().objects.create_user("submitter", "s@example.org", "pw")
    waiting.get_workflow().start(waiting, submitter)
    assert waiting.workflow_in_progress
    initiative(seoul, "Wumpus public", summary="wumpus")

    assert titles(client.get("/en/search/", {"q": "wumpus"})) == ["Wumpus public"]
    assert [item["title"] for item in api(client, q="wumpus")["items"]] == ["Wumpus public"]


@pytest.mark.parametrize(
    "code, query, expected",
    [
        ("ar", "الغذاء", "السياسة الغذائية لميلانو"),
        ("zh-hans", "粮食", "米兰粮食政策"),
        ("fr", "alimentation", "Politique alimentaire de Milan"),
        ("ru", "продовольственная", "Продовольственная политика Милана"),
    ],
)
def test_queries_find_the_demo_content_of_their_language(
    client, demo_content, code, query, expected
):
    found = titles(client.get(f"/{code}/search/", {"q": query}))
    assert expected in found
    assert expected in [item["title"] for item in api(client, q=query, locale=code)["items"]]


def test_results_show_an_excerpt_with_the_words_highlighted(client, demo_content):
    page = BeautifulSoup(client.get("/en/search/", {"q": "school meals"}).content, "html.parser")
    marks = [mark.get_text() for mark in page.select(".search-result__excerpt mark")]
    assert "school" in [mark.lower() for mark in marks]


def test_no_result_offers_a_spelling_suggestion(client, demo_content):
    page = BeautifulSoup(client.get("/en/search/", {"q": "fod polcy"}).content, "html.parser")
    assert page.select_one(".search-suggestion a").get_text() == "food policy"


@pytest.mark.parametrize(
    "query", ['"', "*", "AND", "OR NOT", "🏙️", "' OR 1=1 --", "NEAR(a b)", "x" * 10_000, ""]
)
def test_odd_queries_give_a_normal_answer(client, demo_content, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200
    assert client.get(API, {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"sdg": "99"}, "sdg"),
        ({"type": "auth.User"}, "type"),
        ({"country": "XX"}, "country"),
        ({"year": "soon"}, "year"),
        ({"limit": "101"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"locale": "de"}, "locale"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_api_rejects_bad_parameters_with_a_message(client, params, parameter):
    response = client.get(API, {"q": "food", **params})
    assert response.status_code == 400
    assert parameter in response.json()["message"]


def test_api_items_have_the_contract_fields(client, demo_content):
    data = api(client, q="milan", locale="en", type="knowledge.InitiativePage")
    assert data["items"]
    item = data["items"][0]
    assert set(item) == {"type", "id", "title", "url", "excerpt"}
    assert item["type"] == "knowledge.InitiativePage"
    assert item["url"].startswith("http://testserver/en/")
    assert set(data["facets"]) == {"type", "sdg", "theme", "region", "country", "year"}


def test_suggestions_complete_titles(client, demo_content):
    items = client.get("/en/search/suggest/", {"q": "mila"}).json()["items"]
    assert {"title": "Milan Food Policy", "url": "/en/cities/milan/milan-food-policy/"} in items


@pytest.mark.usefixtures("demo_content")
def test_unpublished_moved_private_and_deleted_pages_leave_the_results(client, seoul):
    page = initiative(seoul, "Snark gardens", summary="snark")
    assert titles(client.get("/en/search/", {"q": "snark"})) == ["Snark gardens"]

    page.unpublish()
    assert titles(client.get("/en/search/", {"q": "snark"})) == []
    page.save_revision().publish()
    assert titles(client.get("/en/search/", {"q": "snark"})) == ["Snark gardens"]

    # Moved under a city behind a password: private, so out of the results.
    hidden_city = CityPage.objects.get(slug="milan", locale__language_code="en")
    make_private(hidden_city)
    page.move(hidden_city, pos="last-child")
    assert titles(client.get("/en/search/", {"q": "snark"})) == []

    page.delete()
    assert titles(client.get("/en/search/", {"q": "snark"})) == []
    assert api(client, q="snark")["meta"]["total_count"] == 0


def test_goal_pages_are_found_first_in_every_language(client, demo_content):
    english = BeautifulSoup(client.get("/en/search/", {"q": "clean water"}).content, "html.parser")
    first = english.select_one(".result-list h2 a")
    assert (first.get_text(strip=True), first["href"]) == (
        "6. Clean water and sanitation",
        "/en/sdgs/6/",
    )

    french = api(client, q="eau propre", locale="fr")
    assert french["items"][0] == {
        "type": "knowledge.SustainableDevelopmentGoal",
        "id": 6,
        "title": "6. Eau propre et assainissement",
        "url": "http://testserver/fr/sdgs/6/",
        "excerpt": french["items"][0]["excerpt"],
    }
    assert "<mark>eau</mark>" in french["items"][0]["excerpt"].lower()
    types = {value["value"]: value["count"] for value in french["facets"]["type"]}
    assert types["knowledge.SustainableDevelopmentGoal"] == 1
    only_goals = api(
        client, q="eau propre", locale="fr", type="knowledge.SustainableDevelopmentGoal"
    )
    assert only_goals["meta"]["total_count"] == 1


@pytest.mark.usefixtures("demo_content")
def test_excerpt_comes_from_the_text_that_holds_the_words(client, seoul):
    initiative(
        seoul,
        "Quiet streets",
        summary="Fewer cars near schools.",
        background="Parents asked for a jabberwock crossing.",
    )
    page = BeautifulSoup(client.get("/en/search/", {"q": "jabberwock"}).content, "html.parser")
    excerpt = page.select_one(".search-result__excerpt")
    assert excerpt.mark.get_text() == "jabberwock"
    assert "Parents asked" in excerpt.get_text()
