"""The Wagtail API v2 router at /api/v2/: pages in every language, images and documents."""

from wagtail.models import Page

import pytest

from tests.conftest import LANGUAGE_CODES
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_pages_endpoint_lists_the_home_page_of_the_requested_locale(client, demo_content, code):
    response = client.get("/api/v2/pages/", {"locale": code, "type": "pages.HomePage"})

    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert item["meta"]["locale"] == code
    assert item["meta"]["html_url"] == f"http://testserver/{code}/"


def test_arabic_listing_holds_only_arabic_pages(client, demo_content):
    data = client.get("/api/v2/pages/", {"locale": "ar", "limit": 100}).json()

    titles = {item["title"] for item in data["items"]}
    assert {"منصة المعرفة الحضرية لأهداف التنمية المستدامة", "عن المنصة"} <= titles
    assert {item["meta"]["locale"] for item in data["items"]} == {"ar"}
    arabic = Page.objects.live().filter(locale__language_code="ar", depth__gt=1)
    assert data["meta"]["total_count"] == arabic.count()


def test_page_detail_has_translated_fields(client, demo_content):
    listing = client.get(
        "/api/v2/pages/",
        {"locale": "fr", "type": "pages.StandardPage", "fields": "intro", "slug": "a-propos"},
    ).json()
    (about,) = listing["items"]
    assert about["intro"].startswith("La Plateforme de connaissances urbaines")

    detail = client.get(f"/api/v2/pages/{about['id']}/").json()
    assert detail["title"] == "À propos de la plateforme"
    assert [block["type"] for block in detail["body"]] == [
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]


def test_drafts_never_appear(client, homes):
    draft = StandardPageFactory(parent=homes["en"], title="Unpublished", live=False)

    listing = client.get("/api/v2/pages/", {"type": "pages.StandardPage"}).json()
    assert draft.id not in [item["id"] for item in listing["items"]]
    assert client.get(f"/api/v2/pages/{draft.id}/").status_code == 404


def test_limit_above_100_is_refused(client, homes):
    response = client.get("/api/v2/pages/", {"limit": 101})

    assert response.status_code == 400
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_endpoints_answer(client, db, endpoint):
    response = client.get(f"/api/v2/{endpoint}/")

    assert response.status_code == 200
    assert response.json() == {"meta": {"total_count": 0}, "items": []}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/",
        "/api/v2/sdgs/",
        "/api/v2/themes/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/certificates/",
    ],
)
def test_an_offset_past_the_end_lists_nothing_even_beyond_64_bits(client, path):
    for offset in (10_000, 8716127489153474326691840):
        response = client.get(path, {"offset": offset})

        assert response.status_code == 200, (path, offset)
        data = response.json()
        assert data["items"] == []
        assert data["meta"]["total_count"] >= 0
