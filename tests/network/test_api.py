"""/api/v2/peers/?city=<id>: exact fields, the language of the city asked about, 400 for a bad
city, bounded queries, and its place in the OpenAPI document."""

from django.utils import translation
from django.utils.translation import gettext

import pytest

from tests.cms.test_openapi import CHECKS
from tests.factories import CityPageFactory, InitiativePageFactory
from tests.knowledge.conftest import make_private
from tests.network.conftest import stage_report

pytestmark = pytest.mark.django_db

URL = "/api/v2/peers/"


def test_the_peers_of_a_city_with_exact_fields(client, network):
    cape_town = network["en"]["cape-town"]

    response = client.get(URL, {"city": cape_town.pk})

    assert response.status_code == 200, response.content
    data = response.json()
    assert set(data) == {"city", "basis", "focus", "peers", "recommendations"}
    assert data["city"] == {
        "id": cape_town.pk,
        "title": "Cape Town",
        "url": "http://localhost/en/cities/cape-town/",
        "band": "medium",
        "region": "africa",
    }
    assert data["basis"] == "fewest-initiatives"
    assert data["focus"] == [
        {"kind": "sdg", "code": 2, "title": "Zero hunger"},
        {"kind": "sdg", "code": 3, "title": "Good health and well-being"},
        {"kind": "sdg", "code": 6, "title": "Clean water and sanitation"},
    ]
    dar = network["en"]["dar-es-salaam"]
    assert data["peers"][0] == {
        "id": dar.pk,
        "title": "Dar es Salaam",
        "url": "http://localhost/en/cities/dar-es-salaam/",
        "band": "medium",
        "region": "africa",
        "reason": "Same size, same region",
    }
    assert [(peer["title"], peer["reason"]) for peer in data["peers"]] == [
        ("Dar es Salaam", "Same size, same region"),
        ("Milan", "Same size"),
        ("Quito", "Same size"),
    ]
    road_safety = network["initiatives"]["dar-es-salaam"]
    first = data["recommendations"][0]
    assert set(first) == {"id", "title", "url", "city", "sdgs", "reason"}
    assert first["id"] == road_safety.pk
    assert first["title"] == "School road safety"
    assert first["url"] == "http://localhost/en/cities/dar-es-salaam/school-road-safety/"
    assert first["city"] == {
        "id": dar.pk,
        "title": "Dar es Salaam",
        "country": {"code": "TZ", "name": "Tanzania"},
        "region": "africa",
    }
    assert [goal["number"] for goal in first["sdgs"]] == [3, 11]
    assert set(first["sdgs"][0]) == {"number", "short_title", "title", "color"}
    assert first["reason"] == "Same size, same region, works on SDG 3: Good health and well-being"
    assert [item["title"] for item in data["recommendations"]] == [
        "School road safety",
        "Food policy",
        "Eco-efficiency ordinance",
    ]


def test_the_answer_is_in_the_language_of_the_city_page(client, network):
    data = client.get(URL, {"city": network["fr"]["cape-town"].pk}).json()

    assert data["city"]["url"] == "http://localhost/fr/cities/cape-town/"
    assert [peer["title"] for peer in data["peers"]] == [
        "Dar es Salaam (fr)",
        "Milan (fr)",
        "Quito (fr)",
    ]
    assert data["focus"][1]["title"] == "Bonne santé et bien-être"
    first = data["recommendations"][0]
    assert first["title"] == "School road safety (fr)"
    assert first["city"]["country"]["name"] == "Tanzanie"
    assert first["sdgs"][0]["short_title"] == "Bonne santé et bien-être"
    with translation.override("fr"):
        assert data["peers"][0]["reason"] == gettext("Same size, same region")
        assert first["reason"] == gettext(
            "Same size, same region, works on SDG %(number)s: %(goal)s"
        ) % {"number": 3, "goal": "Bonne santé et bien-être"}


def test_a_city_without_a_population_has_no_band_and_no_peers(client, network):
    index = network["en"]["cape-town"].get_parent()
    nowhere = index.get_children().get(slug="nowhere")

    data = client.get(URL, {"city": nowhere.pk}).json()

    assert data["city"]["band"] is None
    assert data["basis"] is None
    assert data["focus"] == data["peers"] == data["recommendations"] == []


@pytest.mark.parametrize(
    "query, message",
    [
        ({}, "city: This parameter is required."),
        ({"city": "abc"}, "city: “abc” is not the id of a city page."),
        ({"city": "0"}, "city: “0” is not the id of a city page."),
        ({"city": "99999999999999999999999"}, None),
        ({"city": "99999999"}, "city: There is no city with the id 99999999."),
        ({"city": "1,2"}, "city: Give one value only."),
        ({"city": "\x00"}, None),
    ],
)
def test_a_bad_city_is_a_400_naming_the_parameter(client, network, query, message):
    response = client.get(URL, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"message"}
    assert body["message"].startswith("city: ")
    if message:
        assert body["message"] == message


def test_pages_that_are_not_live_public_cities_are_refused(client, network):
    index = network["en"]["cape-town"].get_parent()
    draft = CityPageFactory(parent=index, title="Draft city", slug="draft-city", live=False)
    initiative = network["initiatives"]["milan"]
    for page in (draft, initiative, index):
        response = client.get(URL, {"city": page.pk})
        assert response.status_code == 400
        assert response.json() == {"message": f"city: There is no city with the id {page.pk}."}
    assert client.get(URL, {"city": network["en"]["milan"].pk, "sdg": "6"}).status_code == 400


def test_a_translated_message_for_the_reader(client, network):
    response = client.get(URL, {"city": "abc"}, HTTP_ACCEPT_LANGUAGE="fr")
    with translation.override("fr"):
        expected = "city: " + gettext("“%(value)s” is not the id of a city page.") % {
            "value": "abc"
        }
    assert response.json()["message"] == expected


def test_the_queries_do_not_grow_with_peers_and_initiatives(
    client, network, django_assert_max_num_queries
):
    query = {"city": network["en"]["cape-town"].pk}
    client.get(URL, query)
    with django_assert_max_num_queries(25) as few:
        assert client.get(URL, query).status_code == 200
    count = len(few.captured_queries)  # before later queries rotate the log
    index = network["en"]["cape-town"].get_parent()
    for number in range(6):
        city = CityPageFactory(
            parent=index,
            title=f"Peer {number}",
            slug=f"peer-{number}",
            country="GH",
            region="africa",
            population=3_000_000 + number,
        )
        InitiativePageFactory(parent=city, title=f"Peer initiative {number}", sdgs=[2, 3])
    with django_assert_max_num_queries(count):
        data = client.get(URL, query).json()
    assert len(data["peers"]) == 9
    assert len(data["recommendations"]) == 6
    # Peers of the same region come first, by title.
    assert [peer["title"] for peer in data["peers"][:3]] == ["Dar es Salaam", "Peer 0", "Peer 1"]


def test_the_openapi_document_describes_the_endpoint(client, network):
    document = client.get("/api/v2/schema/").json()

    operation = document["paths"]["/api/v2/peers/"]["get"]
    (parameter,) = operation["parameters"]
    assert parameter["name"] == "city" and parameter["required"] is True
    assert network["en"]["cape-town"].pk in parameter["schema"]["enum"]
    schemas = document["components"]["schemas"]
    assert schemas["Peers"]["required"] == ["city", "basis", "focus", "peers", "recommendations"]
    assert set(schemas["PeerCity"]["properties"]) == {
        "id",
        "title",
        "url",
        "band",
        "region",
        "reason",
    }
    assert set(schemas["PeerRecommendation"]["properties"]) == {
        "id",
        "title",
        "url",
        "city",
        "sdgs",
        "reason",
    }


def test_private_cities_and_their_initiatives_are_never_listed(client, network):
    quito = network["en"]["quito"]
    make_private(quito)

    data = client.get(URL, {"city": network["en"]["cape-town"].pk}).json()

    assert "Quito" not in [peer["title"] for peer in data["peers"]]
    assert "Eco-efficiency ordinance" not in [item["title"] for item in data["recommendations"]]
    response = client.get(URL, {"city": quito.pk})
    assert response.status_code == 400
    assert response.json() == {"message": f"city: There is no city with the id {quito.pk}."}


def test_validators_and_methods_as_on_every_endpoint(client, network):
    query = {"city": network["en"]["milan"].pk}
    first = client.get(URL, query)
    again = client.get(URL, query, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert "list-citypage" in first["X-Cache-Tags"].split(",")
    response = client.post(URL, query)
    assert response.status_code == 405
    assert set(response.json()) == {"message"}


def test_real_answers_match_the_openapi_document(network, api_schema):
    cape_town = network["en"]["cape-town"]
    nowhere = cape_town.get_parent().get_children().get(slug="nowhere")
    operation = api_schema["/api/v2/peers/"]["GET"]
    for city, basis in (
        (cape_town, "fewest-initiatives"),
        (network["fr"]["quito"], "fewest-initiatives"),
        (nowhere, None),
    ):
        case = operation.Case(query={"city": city.pk})
        response = case.call()
        assert response.status_code == 200, response.text
        case.validate_response(response, checks=CHECKS)
        assert response.json()["basis"] == basis
    stage_report(cape_town, {"Q1": "met", "Q2": "partly"})
    case = operation.Case(query={"city": cape_town.pk})
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    focus = response.json()["focus"]
    assert focus[0] == {"kind": "theme", "code": "governance", "title": "Governance"}
