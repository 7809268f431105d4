"""Search page, health check and the administrator command."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".result-list h2 a")]


def test_search_finds_pages_in_the_visitors_language_only(client, demo_content):
    french = client.get("/fr/search/", {"q": "plateforme"})
    english = client.get("/en/search/", {"q": "plateforme"})

    assert french.status_code == 200
    assert "À propos de la plateforme" in result_titles(french)
    assert result_titles(english) == []


@pytest.mark.parametrize("page", ["abc", "-1", "999", ""])
def test_search_tolerates_bad_page_numbers(client, demo_content, page):
    response = client.get("/en/search/", {"q": "platform", "page": page})

    assert response.status_code == 200
    assert "About the platform" in result_titles(response)


@pytest.mark.parametrize("query", ['"', "*", "AND", "🏙️", "' OR 1=1 --", "x" * 10_000])
def test_search_survives_odd_queries(client, homes, query):
    assert client.get("/en/search/", {"q": query}).status_code == 200


def test_search_page_links_to_the_same_search_in_other_languages(client, homes):
    response = client.get("/ru/search/", {"q": "вода"})

    page = BeautifulSoup(response.content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in page.select("nav.language-switcher a")}
    assert links["fr"].startswith("/fr/search/?q=")
    assert page.html["lang"] == "ru"


def test_healthz_reports_database_reachable(client, db):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_ensure_admin_creates_the_account_once(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin", stdout=None)
    call_command("ensure_admin", stdout=None)

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password("admin")


def test_ensure_admin_requires_a_password_outside_development(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="ADMIN_PASSWORD"):
        call_command("ensure_admin")
    assert not get_user_model().objects.exists()


def test_admin_login_works_for_the_documented_account(client, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")

    response = client.post("/admin/login/", {"username": "admin", "password": "admin"})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
