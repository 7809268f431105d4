"""My City's form: what a rejected form keeps, and the checks of documents and images."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativePage

from .members import make_member, member_client
from .my_city_helpers import SECTIONS, english_city, moderate, soup, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_a_rejected_form_keeps_what_was_typed_and_explains_in_the_users_language():
    member = member_client(make_member(english_city("quito"), "quito@quito.example.org"))

    response = member.post(
        "/fr/my-city/initiatives/new/",
        {
            **SECTIONS,
            "language": "fr",
            "summary": "",
            "sdgs": ["3"],
            "targets": ["13.1"],
            "end_year": "2019",
            "submit": "submit",
        },
    )

    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("input[name=title]")["value"] == SECTIONS["title"]
    assert page.select_one("textarea[name=actions]").get_text().strip() == SECTIONS["actions"]
    errors = [p.get_text(strip=True) for p in page.select(".field__error")]
    assert "Ce champ est obligatoire pour soumettre l'initiative pour modération." in errors
    assert any("13.1" in error for error in errors)
    assert any("année de fin" in error for error in errors)
    assert not InitiativePage.objects.filter(title=SECTIONS["title"]).exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("fake.pdf", b"this is not a pdf", "application/pdf"),
            "does not contain what its name says",
        ),
        (
            SimpleUploadedFile("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
            "is not an accepted document",
        ),
    ],
)
def test_documents_are_checked_for_type_and_content(upload, message):
    member = member_client(make_member(english_city("milan"), "docs@milan.example.org"))

    response = submit(
        member, "/en/my-city/initiatives/new/", "save", language="en", documents=upload
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InitiativePage.objects.filter(title=SECTIONS["title"]).exists()


def test_documents_over_the_size_limit_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    member = member_client(make_member(english_city("milan"), "big@milan.example.org"))
    big = SimpleUploadedFile("big.txt", b"x" * 100, "text/plain")

    response = submit(member, "/en/my-city/initiatives/new/", "save", language="en", documents=big)

    assert "is too large" in response.content.decode()


def test_images_are_checked_and_stored_privately_until_publication(moderator_client, client):
    member = member_client(make_member(english_city("rosario"), "img@rosario.example.org"))
    not_an_image = SimpleUploadedFile("photo.jpg", b"not an image", "image/jpeg")
    response = submit(
        member,
        "/en/my-city/initiatives/new/",
        "save",
        language="en",
        image=not_an_image,
        image_alt="A photo",
    )
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select(".field__error")

    image = SimpleUploadedFile("garden.png", get_test_image_file().file.getvalue(), "image/png")
    submit(
        member,
        "/en/my-city/initiatives/new/",
        "submit",
        language="en",
        title="Gardens",
        image=image,
        image_alt="A garden",
    )
    page = InitiativePage.objects.get(title="Gardens")
    uploaded = page.get_latest_revision_as_object().image
    assert uploaded.collection.name.startswith("Submissions:")

    def listed():  # a hundred at a time: the demo's own pictures come first
        return [i["id"] for i in client.get("/api/v2/images/", {"limit": 100}).json()["items"]]

    assert uploaded.pk not in listed()

    moderate(moderator_client, page, "approve")

    uploaded.refresh_from_db()
    assert uploaded.collection.name == "Initiatives"
    assert uploaded.pk in listed()
