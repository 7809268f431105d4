"""The OpenAPI document: real responses match it, and generated requests to every endpoint get
no server error, answers that match it, and no refusal of a request it allows."""

from wagtail import blocks

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.openapi import PATHS
from cms.openapi.pages import api_page_models, block_schema
from knowledge.models import InitiativePage
from pages.models import EventPage
from tests.factories import CityIndexPageFactory, CityPageFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    # A request the document allows is not refused (no 400): `fields`, `order`, `type` and the
    # filters that depend on it, codes and ids are described as the server accepts them.
    positive_data_acceptance,
]


@pytest.fixture
def a_city(homes):
    """One live city with a population, so that the document offers a city id to the endpoints
    that require one (/api/v2/peers/)."""
    index = CityIndexPageFactory(parent=homes["en"])
    return CityPageFactory(parent=index, title="Fuzz city", slug="fuzz-city", population=2_000_000)


@pytest.mark.fuzz
@pytest.mark.parametrize("path", sorted(PATHS))
def test_generated_requests_get_no_server_error_and_match_the_schema(a_city, api_schema, path):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        case.call_and_validate(checks=CHECKS)

    call()


def _validate(api_schema, path, query=None, path_parameters=None):
    case = api_schema[path]["GET"].Case(query=query or {}, path_parameters=path_parameters or {})
    response = case.call()
    assert response.status_code == 200, response.text
    case.validate_response(response, checks=CHECKS)
    return response.json()


@pytest.mark.usefixtures("demo_content")
@pytest.mark.django_db
def test_real_responses_match_the_schema(api_schema):
    pages = "/api/v2/pages/"
    for page_type in (
        "knowledge.InitiativePage",
        "knowledge.CityPage",
        "pages.EventPage",
        "pages.WebinarPage",
        "pages.PartnerPage",
        "pages.StandardPage",
        "pages.HomePage",
    ):
        data = _validate(api_schema, pages, {"type": page_type, "fields": "*", "locale": "fr"})
        assert data["items"], page_type
        _validate(api_schema, "/api/v2/pages/{id}/", path_parameters={"id": data["items"][0]["id"]})
    data = _validate(
        api_schema,
        pages,
        {"type": "knowledge.InitiativePage", "sdg": "11,13", "theme": "transport"},
    )
    _validate(api_schema, pages, {"type": "pages.EventPage", "upcoming": "true"})
    for path in ("/api/v2/sdgs/", "/api/v2/themes/", "/api/v2/images/", "/api/v2/documents/"):
        _validate(
            api_schema, path, {"locale": "ar"} if "images" not in path and "doc" not in path else {}
        )
    _validate(api_schema, "/api/v2/sdgs/{id}/", path_parameters={"id": 1})
    data = _validate(api_schema, "/api/v2/search/", {"q": "food", "locale": "en"})
    assert data["items"] and data["facets"]
    _validate(api_schema, "/api/v2/certificates/", {"locale": "zh-hans"})


@pytest.mark.usefixtures("demo_content")
@pytest.mark.django_db
def test_the_schema_describes_every_endpoint_and_the_docs_page_lists_them(client):
    document = client.get("/api/v2/schema/").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/sdgs/",
        "/api/v2/themes/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/search/",
        "/api/v2/certificates/",
    }
    parameters = document["paths"]["/api/v2/pages/"]["get"]["parameters"]
    page_type = next(p for p in parameters if p["name"] == "page_type")["schema"]
    names = {p["name"] for p in parameters} | set(page_type["properties"])
    assert {"sdg", "theme", "country", "region", "city", "upcoming", "start_after"} <= names
    # Each page type takes its own filters, and only those (api.registry.PAGE_FILTERS).
    branches = {
        branch["properties"]["type"]["enum"][0]: set(branch["properties"]) - {"type"}
        for branch in page_type["allOf"][0]["oneOf"]
        if "type" in branch["properties"]
    }
    assert branches["knowledge.InitiativePage"] == {
        *("sdg", "target", "theme", "country", "region", "city", "year", "status"),
        *("fields", "order"),
    }
    assert branches["knowledge.CityPage"] == {"country", "region", "fields", "order"}
    assert "attendance" in branches["pages.EventPage"] - branches["pages.WebinarPage"]
    assert branches["pages.StandardPage"] == {"fields", "order"}
    docs = client.get("/api/v2/docs/").content.decode()
    for path in document["paths"]:
        assert path in docs
    assert "Certificate" in docs and "<code>sdg</code>" in docs
    assert InitiativePage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/", "/en/initiatives/"]
)
def test_a_nul_character_in_a_parameter_is_a_bad_request(client, path):
    response = client.get(path, {"search": "a\x00b", "q": "x\x00"})
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json() == {"message": "q: contains a NUL character"}


@pytest.mark.django_db
def test_every_page_type_has_a_typed_schema_told_apart_by_meta_type(client):
    schemas = client.get("/api/v2/schema/").json()["components"]["schemas"]
    models = api_page_models()
    assert {"InitiativePage", "CityPage", "EventPage", "WebinarPage", "PartnerPage"} <= {
        model.__name__ for model in models
    }
    for model in models:
        schema = schemas[model.__name__]
        assert set(schema["properties"]) == {"id", "meta", "title"} | {
            field.name for field in model.api_fields
        }
        assert schema["additionalProperties"] is False
        assert schema["properties"]["meta"]["properties"]["type"]["enum"] == [model._meta.label]
    assert schemas["Page"]["oneOf"] == [
        {"$ref": f"#/components/schemas/{model.__name__}"} for model in models
    ]
    # One name, one shape: `city` is a City object, but on events, where it is deprecated.
    assert schemas["InitiativePage"]["properties"]["city"] == {
        "allOf": [{"$ref": "#/components/schemas/City"}],
        "nullable": True,
    }
    assert schemas["EventPage"]["properties"]["city"]["deprecated"] is True
    assert schemas["EventPage"]["properties"]["city_name"]["type"] == "string"
    body = schemas["StandardPage"]["properties"]["body"]["items"]["oneOf"]
    assert [option["$ref"].rsplit("/", 1)[-1] for option in body] == [
        "BodyBlockHeading",
        "BodyBlockParagraph",
        "BodyBlockImage",
    ]
    assert schemas["BodyBlockImage"]["properties"]["value"]["allOf"] == [
        {"$ref": "#/components/schemas/Rendition"}
    ]
    docs = client.get("/api/v2/docs/").content.decode()
    assert 'id="schema-EventPage"' in docs and "Deprecated." in docs
    assert "<code>pages.EventPage</code>" in docs  # the values of the type parameter


def test_a_block_without_a_schema_fails_the_document():
    with pytest.raises(TypeError, match="DateBlock"):
        block_schema(blocks.DateBlock())


@pytest.mark.usefixtures("demo_content")
@pytest.mark.django_db
def test_events_give_their_place_as_city_name(client):
    event = EventPage.objects.live().exclude(city="").first()
    data = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert data["city_name"] == data["city"] == event.city
