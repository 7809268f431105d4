"""With the database unreachable: 503 with Retry-After, the translated page (JSON for the API),
/healthz/ says so, the admins hear of it once; all is well again when the database is back."""

from django.core import mail
from django.test import Client

import pytest
from bs4 import BeautifulSoup

from .conftest import database_unreachable

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_pages_api_and_health_answer_503_while_the_database_is_unreachable(settings):
    settings.ADMINS = [("Operations", "ops@example.org")]
    client = Client(raise_request_exception=False)
    assert client.get("/healthz/").status_code == 200

    with database_unreachable():
        health = client.get("/healthz/")
        french = client.get("/fr/")
        arabic = client.get("/ar/")
        api = client.get("/api/v2/pages/")
        form = client.post("/en/accounts/login/", {"username": "someone", "password": "secret"})

    assert health.status_code == 503 and health["Retry-After"] == "30"
    assert health.json()["status"] == "down"
    assert health.json()["checks"]["database"]["status"] == "down"
    assert health.json()["checks"]["database"]["required"] is True
    # The kind of error only: the message would name the server to anyone.
    assert health.json()["checks"]["database"]["error"] == "OperationalError"
    for response in (french, arabic, api, form):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
    page = BeautifulSoup(french.content, "html.parser")
    assert page.html["lang"] == "fr" and page.html["dir"] == "ltr"
    assert page.h1.get_text(strip=True) == "Service indisponible"
    assert "L’équipe a été prévenue." in page.get_text()
    assert BeautifulSoup(arabic.content, "html.parser").html["dir"] == "rtl"
    assert api["Content-Type"] == "application/json"
    assert api.json() == {
        "message": "The service is unavailable for a moment. Please try again shortly."
    }
    # Four pages failed with one error, and the health check answered 503: the admins get one
    # mail for each, sent directly since the mail queue is in the unreachable database.
    health_report, page_report = mail.outbox
    assert health_report.to == page_report.to == ["ops@example.org"]
    assert health_report.subject.endswith("Service Unavailable: /healthz/")
    assert page_report.subject.endswith("Service Unavailable: /fr/")
    assert "unable to open database file" in page_report.body or "connect" in page_report.body

    assert client.get("/healthz/").status_code == 200
    assert client.get("/fr/").status_code == 200
