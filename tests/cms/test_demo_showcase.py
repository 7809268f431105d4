"""The demo shows every feature: pictures with their licence, documents, links, partner logos,
members who reach My City, comments, a replication, and search that finds it all at once."""

import io
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PillowImage

from demo.people import MEMBER_PASSWORD
from knowledge.models import (
    CityMembership,
    CityPage,
    InitiativeComment,
    InitiativePage,
    Registration,
    ReplicationInterest,
)
from pages.models import PartnerPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_every_initiative_and_city_has_a_public_domain_picture_in_every_language():
    for model in (InitiativePage, CityPage):
        pages = model.objects.live()
        assert pages.count() == 72  # 12 in 6 languages
        assert not pages.filter(image__isnull=True).exists()
    image = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="ar").image
    assert (
        image.title == "Milan Food Policy: illustration (CC0 1.0: dedicated to the public domain)"
    )
    assert image.description.startswith("Milan Food Policy, Milan: bands in the colours")
    with image.open_file() as handle:
        text = PillowImage.open(io.BytesIO(handle.read())).text
    assert text["Copyright"] == "CC0 1.0: dedicated to the public domain"
    assert text["Author"].startswith("Urban SDG Knowledge Platform")


def test_documents_links_and_partner_logos(client):
    quito = InitiativePage.objects.get(slug="eco-efficiency-ordinance", locale__language_code="en")
    kinds = [block.block_type for block in quito.media]
    assert kinds == ["document", "link"]
    document = get_document_model().objects.get(
        title="Eco-efficiency Ordinance of Quito: fact sheet"
    )
    with document.open_file() as handle:
        assert handle.read(5) == b"%PDF-"
    html = client.get(quito.url).content.decode()
    assert "Eco-efficiency Ordinance of Quito: fact sheet" in html
    assert "https://www.guangzhouaward.org/" in html
    assert not PartnerPage.objects.live().filter(logo__isnull=True).exists()


def test_two_city_members_reach_my_city_and_a_registration_waits(client):
    members = (("capetown.member", "Cape Town"), ("daressalaam.member", "Dar es Salaam"))
    for username, city in members:
        user = get_user_model().objects.get(username=username)
        assert user.is_active and user.check_password(MEMBER_PASSWORD)
        client.force_login(user)
        response = client.get("/en/my-city/")
        assert response.status_code == 200
        assert city in response.content.decode()
        client.logout()
    # Beside them, the certification demo's focal points of Cape Town and Saint-Louis.
    assert sorted(CityMembership.objects.values_list("user__username", flat=True)) == [
        "capetown.member",
        "daressalaam.member",
        "demo-focal-cape-town",
        "demo-focal-saint-louis",
    ]
    waiting = Registration.objects.get(status=Registration.Status.PENDING)
    assert waiting.email == "almaty.applicant@example.org"
    assert not waiting.user.is_active


def test_comments_published_and_waiting_and_a_replication(client):
    statuses = sorted(InitiativeComment.objects.values_list("status", flat=True))
    assert statuses == ["pending", "published", "published"]
    dar = InitiativePage.objects.get(slug="school-area-road-safety", locale__language_code="en")
    assert "children walking to school" in client.get(dar.url).content.decode()
    pending = InitiativeComment.objects.get(status="pending")
    assert pending.body[:40] not in client.get(pending.page.url).content.decode()
    rosario = InitiativePage.objects.get(
        slug="sustainable-food-production", locale__language_code="en"
    )
    replication = ReplicationInterest.objects.get()
    assert replication.initiative_key == rosario.translation_key


def test_search_finds_the_demo_content_at_once(client):
    response = client.get("/en/search/", {"q": "mangrove"})
    assert "Regional mangrove restoration programme" in response.content.decode()
    response = client.get("/fr/search/", {"q": "alimentaire"})
    assert "Politique alimentaire de Milan" in response.content.decode()


def test_loading_prints_one_line_per_step(django_capture_on_commit_callbacks):
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=output)
    lines = output.getvalue().splitlines()
    # Twelve steps (awards, saved searches, exchanges, the library and a partner in the
    # exchanges joined the first seven), the open-data line and the closing one.
    assert len(lines) <= 14
    assert any(line.startswith("  Images, documents, links and logos: 0 changes") for line in lines)
    assert (
        get_image_model().objects.count()
        == 12 * 2 + PartnerPage.objects.filter(locale__language_code="en").count()
    )
