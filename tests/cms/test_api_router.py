"""Every API endpoint is a viewset on the one router and answers alike: Wagtail's envelope, the
same limit/offset rules and messages, JSON errors for 400, 404 and 405, ETags, and queries that
do not grow with the number of items."""

from django.test import Client
from django.urls import reverse

import pytest

from certification.api import CertificatesAPIViewSet
from cms.api import api_router
from search.api import SearchAPIViewSet

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/api/v2/pages/",
    "/api/v2/sdgs/",
    "/api/v2/themes/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/search/",
    "/api/v2/certificates/",
]
DETAILS = [
    "/api/v2/sdgs/11/",
    "/api/v2/themes/transport/",
    "/api/v2/certificates/SDGC-2026-000001/",
    "/api/v2/preview/",
]


def test_search_and_certificates_are_endpoints_of_the_router():
    assert api_router._endpoints["search"] is SearchAPIViewSet
    assert api_router._endpoints["certificates"] is CertificatesAPIViewSet
    assert reverse("wagtailapi:search:listing") == "/api/v2/search/"
    assert reverse("wagtailapi:certificates:listing") == "/api/v2/certificates/"
    assert reverse("wagtailapi:certificates:detail", args=["SDGC-2026-000001"]) == (
        "/api/v2/certificates/SDGC-2026-000001/"
    )


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize(
    "params, message",
    [
        ({"limit": "101"}, "limit cannot be higher than 100"),
        ({"limit": "many"}, "limit must be a whole number"),
        ({"offset": "-1"}, "offset cannot be negative"),
    ],
)
def test_every_listing_has_the_same_limit_and_offset_rules(client, path, params, message):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response.json() == {"message": message}


@pytest.mark.parametrize("path", LISTINGS)
def test_every_listing_has_the_envelope_and_an_offset_past_the_end_lists_nothing(client, path):
    data = client.get(path, {"offset": "9" * 30}).json()

    assert set(data) - {"facets"} == {"meta", "items"}
    assert data["items"] == [] and data["meta"]["total_count"] >= 0


def test_the_limit_and_offset_messages_are_translated(client):
    response = client.get("/api/v2/search/", {"limit": "101"}, HTTP_ACCEPT_LANGUAGE="fr")
    pages = client.get("/api/v2/pages/", {"limit": "101"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json() == pages.json()
    assert response.json()["message"] != "limit cannot be higher than 100"
    assert "100" in response.json()["message"]


@pytest.mark.parametrize("path", LISTINGS + DETAILS)
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch", "trace"])
def test_other_methods_are_405_in_json(path, method):
    # A session, as a browser would have: still no CSRF page.
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    "path, message",
    [
        ("/api/v2/sdgs/18/", "Nothing was found at this address."),
        ("/api/v2/themes/no-such-theme/", "Nothing was found at this address."),
        ("/api/v2/certificates/SDGC-2026-999999/", "No certificate has this number."),
        ("/api/v2/nothing-here/", "Nothing was found at this address."),
        ("/api/v2/search/extra/", "Nothing was found at this address."),
    ],
)
def test_not_found_is_404_in_json(client, path, message):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"message": message}


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v2/search/", {"q": "water", "locale": "en"}),
        ("/api/v2/certificates/", {}),
        ("/api/v2/sdgs/", {"locale": "fr"}),
        ("/api/v2/pages/", {}),
    ],
)
def test_every_listing_answers_if_none_match_with_304(client, path, params):
    first = client.get(path, params)
    etag = first["ETag"]

    again = client.get(path, params, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200 and etag
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("name", ["child_of", "descendant_of", "ancestor_of", "translation_of"])
def test_tree_filters_answer_404_for_no_page_and_400_for_no_id(client, name):
    missing = client.get("/api/v2/pages/", {name: "999999"})
    malformed = client.get("/api/v2/pages/", {name: "abc"})

    assert missing.status_code == 404
    assert missing.json() == {"message": f"{name}: There is no page with the id 999999."}
    assert malformed.status_code == 400
    assert malformed.json() == {"message": f"{name}: “abc” is not a page id."}


def test_child_of_and_descendant_of_combine_and_random_order_takes_an_offset(client):
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code="en")
    children = client.get("/api/v2/pages/", {"child_of": home.pk}).json()

    both = client.get("/api/v2/pages/", {"child_of": home.pk, "descendant_of": "root"})
    random = client.get("/api/v2/pages/", {"order": "random", "offset": "1"})

    assert both.status_code == 200
    assert both.json()["meta"]["total_count"] == children["meta"]["total_count"]
    assert random.status_code == 200
    assert (
        random.json()["meta"]["total_count"]
        == client.get("/api/v2/pages/").json()["meta"]["total_count"]
    )
