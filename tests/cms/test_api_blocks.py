"""StreamField blocks in the API: typed values, images as renditions with alt text, documents
with an absolute address, nothing from a private collection, rich text only as HTML."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from knowledge.blocks import PublicImageBlock
from knowledge.members import membership as members
from knowledge.models import CityPage, InitiativePage
from pages.models import StandardPage
from tests.cms.test_openapi import CHECKS
from tests.factories import InitiativePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def make_document(title, collection=None):
    document = get_document_model()(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(f"{title.lower()}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return document


def raw(*blocks):
    """StreamField data as stored: what the editor saves."""
    return [{"type": kind, "value": value} for kind, value in blocks]


@pytest.fixture
def uploads():
    image = get_image_model().objects.create(
        title="Tram stop", file=get_test_image_file(size=(1600, 900))
    )
    return {"image": image, "document": make_document("Strategy")}


def test_body_blocks_are_typed_and_images_are_renditions(client, uploads, api_schema):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body = raw(
        ("heading", {"text": "Why cities", "level": "h3"}),
        ("paragraph", "<p>Cities <b>matter</b>.</p>"),
        ("image", {"image": uploads["image"].pk, "alt_text": "A tram stop", "decorative": False}),
        ("image", {"image": uploads["image"].pk, "alt_text": "ignored", "decorative": True}),
    )
    about.save_revision().publish()

    case = api_schema["/api/v2/pages/{id}/"]["GET"].Case(path_parameters={"id": about.pk})
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    body = response.json()["body"]
    assert [block["type"] for block in body] == ["heading", "paragraph", "image", "image"]
    assert body[0]["value"] == {"text": "Why cities", "level": "h3"}
    assert body[1]["value"] == "<p>Cities <b>matter</b>.</p>"
    image = body[2]["value"]
    assert set(image) == {"url", "full_url", "width", "height", "alt"}
    assert (image["width"], image["height"], image["alt"]) == (1200, 675, "A tram stop")
    assert image["full_url"].startswith("http://") and image["url"].startswith("/media/")
    assert body[3]["value"]["alt"] == ""


def test_initiative_media_blocks(client, uploads, api_schema):
    initiative = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    initiative.media = raw(
        ("image", {"image": uploads["image"].pk, "alt_text": "Market", "decorative": False}),
        ("video", {"video": "https://www.youtube.com/watch?v=abc", "caption": "Launch"}),
        ("document", {"document": uploads["document"].pk, "title": ""}),
        ("link", {"title": "Pact", "url": "https://www.milanurbanfoodpolicypact.org/"}),
    )
    initiative.save_revision().publish()

    case = api_schema["/api/v2/pages/{id}/"]["GET"].Case(path_parameters={"id": initiative.pk})
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    media = {block["type"]: block["value"] for block in response.json()["media"]}
    assert media["image"]["alt"] == "Market"
    assert media["video"] == {"video": "https://www.youtube.com/watch?v=abc", "caption": "Launch"}
    document = media["document"]["document"]
    assert document == {
        "id": uploads["document"].pk,
        "title": "Strategy",
        "url": f"http://testserver{uploads['document'].url}",
    }
    assert media["link"] == {"title": "Pact", "url": "https://www.milanurbanfoodpolicypact.org/"}


def test_uploads_in_private_collections_are_null(client):
    city = CityPage.objects.get(slug="quito", locale__language_code="en")
    collection = members.ensure_city_group(city).collection
    image = get_image_model().objects.create(
        title="Private photo", file=get_test_image_file(), collection=collection
    )
    document = make_document("Internal", collection)
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body = raw(
        ("image", {"image": image.pk, "alt_text": "Private photo", "decorative": False}),
        ("paragraph", "<p>Public words</p>"),
    )
    about.save_revision().publish()
    response = client.get(f"/api/v2/pages/{about.pk}/")
    assert response.json()["body"][0]["value"] is None
    assert "Private photo" not in response.content.decode()

    # Publishing an initiative makes its own uploads public (they were the city's submission).
    initiative = InitiativePageFactory(parent=city, title="Visible initiative")
    initiative.media = raw(
        ("image", {"image": image.pk, "alt_text": "Market", "decorative": False}),
        ("document", {"document": document.pk, "title": "Memo"}),
    )
    initiative.save_revision().publish()
    media = client.get(f"/api/v2/pages/{initiative.pk}/").json()["media"]
    assert media[0]["value"]["alt"] == "Market"
    assert media[1]["value"]["document"]["title"] == "Internal"
    assert client.get(f"/api/v2/pages/{about.pk}/").json()["body"][0]["value"] is not None


@pytest.mark.parametrize("value", ["db_html", "db_markdown", "markdown", "raw"])
def test_rich_text_comes_only_as_html(client, value):
    assert client.get("/api/v2/pages/", {"rich_text_format": "html"}).status_code == 200
    response = client.get("/api/v2/pages/", {"rich_text_format": value})
    assert response.status_code == 400
    detail = client.get("/api/v2/pages/3/", {"rich_text_format": value})
    assert detail.status_code == 400
    assert (
        detail.json()
        == response.json()
        == {"message": f"rich_text_format: “{value}” is not one of: html."}
    )


def test_without_the_response_bulk_load_a_private_upload_is_null_too(uploads):
    # As in the headless preview, which serializes one revision on its own.
    city = CityPage.objects.get(slug="quito", locale__language_code="en")
    private = get_image_model().objects.create(
        title="Private photo",
        file=get_test_image_file(),
        collection=members.ensure_city_group(city).collection,
    )
    block = PublicImageBlock()
    for image in (private, uploads["image"]):
        image.contextual_alt_text, image.decorative = "Photo", False
    assert block.get_api_representation(private) is None
    assert block.get_api_representation(uploads["image"])["alt"] == "Photo"
