"""The certificates API and the public register make as many queries for 50 certificates as for
5: cities, stages and bodies are loaded with the certificates, not one query each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 50


def queries(client, path, params=None):
    client.get(path, params)  # caches warmed
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    return len(context.captured_queries), response


def test_the_certificates_api_and_register_make_as_many_queries_for_50_as_for_5(client, issue):
    for number in range(MANY):
        issue(f"City {number}", ["KR", "EC", "FR"][number % 3])

    few, response = queries(client, "/api/v2/certificates/", {"limit": FEW})
    assert len(response.json()["items"]) == FEW
    many, response = queries(client, "/api/v2/certificates/", {"limit": MANY})
    assert len(response.json()["items"]) == MANY
    assert many == few

    filtered = {"country": "KR,EC", "limit": FEW}
    few, _ = queries(client, "/api/v2/certificates/", filtered)
    many, response = queries(client, "/api/v2/certificates/", {**filtered, "limit": MANY})
    assert response.json()["meta"]["total_count"] == 34
    assert many == few
