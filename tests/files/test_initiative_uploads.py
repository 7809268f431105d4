"""An initiative's uploads are public exactly while a live, public page uses them. Publishing
makes them public; unpublishing (see test_private_uploads), deleting, a view restriction,
declining or a published version without them makes them private again, unless another public
page still uses them. Pages and the API show nothing private."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from files import names
from knowledge.members import membership as members
from knowledge.models import InitiativeDecision, InitiativePage
from tests.factories import StandardPageFactory
from tests.knowledge.members import PASSWORD, member_client

from .fetching import fetch
from .initiatives import moderate, png, send, uploads_of

pytestmark = pytest.mark.django_db


def is_public(*uploads):
    for upload in uploads:
        upload.refresh_from_db()
    return [(u.collection.name, names.is_private(u.file.name)) for u in uploads] == [
        ("Initiatives", False)
    ] * len(uploads)


def is_private(*uploads):
    for upload in uploads:
        upload.refresh_from_db()
    return [(u.collection.name, names.is_private(u.file.name)) for u in uploads] == [
        ("Submissions: Seoul", True)
    ] * len(uploads)


@pytest.fixture
def published(people):
    page = send(people["seoul"], "submit", "Green roofs", png("green"))
    image, document = uploads_of(page)
    assert is_private(image, document)
    moderate(people["moderator"], page, "approve")
    page.refresh_from_db()
    assert page.live and is_public(image, document)
    return page, image, document


def test_deleting_an_initiative_makes_its_uploads_private(published):
    page, image, document = published
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)

    response = member_client(admin).post(f"/admin/pages/{page.pk}/delete/")

    assert response.status_code == 302
    assert not InitiativePage.objects.filter(pk=page.pk).exists()
    assert is_private(image, document)


def test_deleting_a_city_with_its_initiatives_makes_their_uploads_private(published, cities):
    page, image, document = published
    admin = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)

    response = member_client(admin).post(f"/admin/pages/{cities['seoul'].pk}/delete/")

    assert response.status_code == 302
    assert not InitiativePage.objects.filter(pk=page.pk).exists()
    assert is_private(image, document)


def test_a_view_restriction_makes_the_uploads_private_until_it_is_lifted(published):
    page, image, document = published
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert is_private(image, document)
    restriction.delete()
    assert is_public(image, document)


def test_declining_a_new_version_keeps_the_live_uploads_public_and_the_new_ones_private(
    published, people
):
    page, image, document = published
    response = people["seoul"].post(
        f"/en/my-city/initiatives/{page.pk}/",
        {
            "title": "Green roofs",
            "summary": "Gardens on every roof.",
            "themes": ["environment-resilience"],
            "sdgs": ["11"],
            "status": "ongoing",
            "image": SimpleUploadedFile("new.png", png("black"), "image/png"),
            "image_alt": "Another roof",
            "submit": "submit",
        },
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".field__error"
    )
    page.refresh_from_db()
    new_image = page.get_latest_revision_as_object().image
    assert new_image != image and is_private(new_image)

    moderate(people["moderator"], page, "decline", "Not for the platform.")

    assert InitiativeDecision.objects.filter(page=page).exists()
    page.refresh_from_db()
    assert page.live
    assert is_public(image, document)
    assert is_private(new_image)


def test_declining_an_initiative_never_published_leaves_its_uploads_private(people):
    page = send(people["seoul"], "submit", "Blue roofs", png("blue"))
    moderate(people["moderator"], page, "decline", "Not for the platform.")
    assert is_private(*uploads_of(page))


def test_a_published_version_without_an_upload_makes_it_private(published, users):
    page, image, document = published
    draft = page.get_latest_revision_as_object()
    draft.image = None
    draft.save_revision(user=users["moderator"]).publish(user=users["moderator"])

    assert is_private(image)
    assert is_public(document)


def test_an_upload_another_public_page_uses_stays_public(published, people, homes):
    page, image, document = published
    StandardPageFactory(
        parent=homes["en"],
        title="Roofs of the world",
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "", "decorative": True}}],
    )

    response = people["moderator"].post(f"/admin/pages/{page.pk}/unpublish/")

    assert response.status_code == 302
    assert is_public(image)
    assert is_private(document)


def test_pages_and_the_api_show_no_private_image(cities, client):
    city = cities["milan"]
    private = members.ensure_city_group(cities["seoul"]).collection
    image = get_image_model().objects.create(
        title="Roof", file=get_test_image_file(filename="roof.png"), collection=private
    )
    city.image = image
    city.save_revision().publish()

    html = client.get(city.url).content.decode()
    assert "/media-private/" not in html and "og:image" not in html
    assert not BeautifulSoup(html, "html.parser").select("main img, figure img")
    api = client.get(f"/api/v2/pages/{city.pk}/").json()
    assert api["image"] is None and api["thumbnail"] is None

    image.collection = private.get_parent()
    image.save()
    html = client.get(city.url).content.decode()
    rendition = image.get_rendition("fill-1200x675")
    assert rendition.url.startswith("/media/images/") and rendition.url in html
    assert client.get(f"/api/v2/pages/{city.pk}/").json()["image"]["url"] == rendition.url


def test_my_city_shows_a_draft_s_files_to_its_city_only(people):
    page = send(people["seoul"], "save", "Roof gardens", png("red"))
    image, document = uploads_of(page)

    html = BeautifulSoup(
        people["seoul"].get(f"/en/my-city/initiatives/{page.pk}/").content, "html.parser"
    )
    preview = html.select_one(".current-uploads img")["src"]
    links = [a["href"] for a in html.select(".current-uploads a")]

    assert preview == image.get_rendition("max-320x180").url
    assert preview.startswith("/media-private/images/p-")
    assert links == [document.url]
    for url in (preview, *links):
        assert fetch(people["seoul"], url)[0] == 200
        assert fetch(people["moderator"], url)[0] == 200
        assert fetch(people["anonymous"], url)[0] == 403
        assert fetch(people["milan"], url)[0] == 403
