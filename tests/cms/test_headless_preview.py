"""Headless preview: a signed, expiring token shows one draft revision; nothing else does."""

from urllib.parse import parse_qs, urlparse

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from cms.preview import make_token
from knowledge.models import InitiativePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

DRAFT_TITLE = "Milan Food Policy, second edition (draft)"


@pytest.fixture
def draft(db):
    page = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    page.title = DRAFT_TITLE
    revision = page.save_revision()
    return InitiativePage.objects.get(pk=page.pk), revision


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def token_from(admin_client, page):
    response = admin_client.get(f"/admin/headless-preview/{page.pk}/")
    assert response.status_code == 200
    return response.context["token"]


def test_a_token_shows_the_draft_and_the_api_shows_only_the_live_page(draft, admin_client, client):
    page, _revision = draft
    token = token_from(admin_client, page)
    preview = client.get("/api/v2/preview/", {"token": token})
    assert preview.status_code == 200
    data = preview.json()
    assert data["title"] == DRAFT_TITLE
    assert data["id"] == page.pk
    assert data["meta"]["type"] == "knowledge.InitiativePage"
    assert {"summary", "sdgs", "themes", "city", "translations"} <= set(data)
    assert preview["Cache-Control"] == "private, no-store"

    live = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert live["title"] == "Milan Food Policy"
    found = client.get("/api/v2/pages/", {"search": "second edition"}).json()
    assert DRAFT_TITLE not in [item["title"] for item in found["items"]]


def test_expired_tampered_and_missing_tokens_are_refused(draft, client, settings):
    _page, revision = draft
    token = make_token(revision)
    tampered = client.get("/api/v2/preview/", {"token": token[:-2] + "xx"})
    assert tampered.status_code == 403
    assert tampered.json() == {"message": "token: this is not a valid preview token"}
    assert client.get("/api/v2/preview/").status_code == 400
    assert client.get("/api/v2/preview/", {"token": token, "id": "1"}).status_code == 400
    settings.HEADLESS_PREVIEW_MAX_AGE = -1
    expired = client.get("/api/v2/preview/", {"token": token})
    assert expired.status_code == 403
    assert expired.json() == {"message": "token: this preview link has expired"}


def test_only_editors_of_the_page_get_a_token(draft, client):
    page, _revision = draft
    assert client.get(f"/admin/headless-preview/{page.pk}/").status_code == 302
    outsider = get_user_model().objects.create_user("outsider", "o@example.org", "x")
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = Client()
    other.force_login(outsider)
    assert other.get(f"/admin/headless-preview/{page.pk}/").status_code in (302, 403)


def test_the_editor_is_sent_to_the_partner_preview(draft, admin_client, client, settings):
    page, _revision = draft
    settings.HEADLESS_PREVIEW_URL = (
        "https://partner.example.org/preview?token={token}&lang={locale}"
    )
    response = admin_client.get(f"/admin/headless-preview/{page.pk}/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.netloc == "partner.example.org"
    query = parse_qs(target.query)
    assert query["lang"] == ["en"]
    assert (
        client.get("/api/v2/preview/", {"token": query["token"][0]}).json()["title"] == DRAFT_TITLE
    )


def test_the_page_header_offers_headless_preview(draft, admin_client):
    page, _revision = draft
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/headless-preview/{page.pk}/" in response.content.decode()
