"""Requests per client address: past the limit, 429 with a message, in JSON for the API."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATE_LIMIT_API = "3/m"
    settings.RATE_LIMIT_PAGES = "2/m"


def test_api_answers_429_with_a_json_message_past_the_limit(client, limits):
    for _ in range(3):
        assert client.get("/api/v2/sdgs/").status_code == 200

    refused = client.get("/api/v2/pages/")

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert set(refused.json()) == {"message"}
    assert "at most 3/m" in refused.json()["message"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    # Another address has its own count.
    assert client.get("/api/v2/sdgs/", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_pages_answer_429_in_the_visitors_language(client, limits):
    for _ in range(2):
        assert client.get("/fr/").status_code == 200

    refused = client.get("/fr/initiatives/")

    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/plain; charset=utf-8"
    assert "Trop de requêtes" in refused.content.decode()
    # Pages and API are counted apart.
    assert client.get("/api/v2/sdgs/").status_code == 200


def test_admin_and_health_checks_are_not_limited(client, limits, admin_user):
    client.force_login(admin_user)
    for _ in range(4):
        assert client.get("/admin/").status_code == 200
        assert client.get("/healthz/").status_code == 200


def test_an_empty_rate_turns_the_limit_off(client, settings):
    settings.RATE_LIMIT_API = ""
    for _ in range(5):
        assert client.get("/api/v2/sdgs/").status_code == 200
