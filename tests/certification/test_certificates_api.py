"""/api/v2/certificates/<number>/ (active, expired, revoked, unknown), the register's filters
read through the platform's parameters, and the webhooks of issue, expiry and revocation."""

import datetime

from django.utils import timezone

import pytest

from certification import committee
from certification.models import Certificate
from syndication.models import WebhookDelivery, WebhookEndpoint
from tests.syndication.conftest import Receiver

pytestmark = pytest.mark.django_db

DETAIL = "/api/v2/certificates/{}/"


def test_an_active_certificate_by_its_number(client, issue):
    certificate = issue("Busan", "KR")

    response = client.get(DETAIL.format(certificate.number))

    assert response.status_code == 200
    data = response.json()
    assert data["number"] == certificate.number
    assert data["status"] == "active"
    assert data["city"]["title"] == "Busan"
    assert data["city"]["country"]["code"] == "KR"
    assert data["stage"]["code"] == certificate.stage_code
    assert data["certifying_body"]["code"] == "global-committee"
    assert data["issued_on"] == certificate.issued_on.isoformat()
    assert data["expires_on"] == certificate.expires_on.isoformat()
    assert data["revoked_at"] is None and data["revocation_reason"] == ""
    assert data["verification_url"].endswith(f"/certification/verify/{certificate.number}/")
    # The number is read whatever its case.
    assert client.get(DETAIL.format(certificate.number.lower())).json()["status"] == "active"


def test_an_expired_certificate_says_so(client, issue):
    long_ago = timezone.localdate() - datetime.timedelta(days=5 * 366)
    certificate = issue("Busan", "KR", today=long_ago)

    data = client.get(DETAIL.format(certificate.number)).json()

    assert data["status"] == "expired"
    assert data["expires_on"] < timezone.localdate().isoformat()
    # Gone from the register, still found by its number.
    assert client.get("/api/v2/certificates/").json()["meta"]["total_count"] == 0


def test_a_revoked_certificate_gives_the_date_and_the_reason(client, issue):
    certificate = issue("Busan", "KR")
    committee.revoke(certificate, issue.secretary, "Evidence found to be falsified.")
    certificate.refresh_from_db()

    data = client.get(DETAIL.format(certificate.number)).json()

    assert data["status"] == "revoked"
    assert data["revoked_at"] == certificate.revoked_at.isoformat()
    assert data["revocation_reason"] == "Evidence found to be falsified."


@pytest.mark.parametrize("number", ["SDGC-2026-999999", "nope", "..", "%00", "9" * 10_000])
def test_unknown_and_hostile_numbers_are_404_with_a_message(client, issue, number):
    issue("Busan", "KR")

    response = client.get(f"/api/v2/certificates/{number}/")

    assert response.status_code == 404
    assert response.json() == {"message": "No certificate has this number."}


def test_a_number_with_a_slash_is_no_address_of_the_api(client):
    response = client.get("/api/v2/certificates/SDGC-2026-%2F..%2F/")
    assert response.status_code == 404
    assert set(response.json()) == {"message"}


def test_the_lookup_refuses_unknown_parameters_and_languages(client, issue):
    number = issue("Busan", "KR").number
    assert client.get(DETAIL.format(number), {"colour": "red"}).status_code == 400
    response = client.get(DETAIL.format(number), {"locale": "xx"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("locale: ")
    french = client.get(DETAIL.format(number), {"locale": "fr"}).json()
    assert french["stage"]["name"] != ""


def test_the_register_refuses_an_unknown_stage_like_every_listing(client, issue):
    certificate = issue("Busan", "KR")

    response = client.get("/api/v2/certificates/", {"stage": "nope"})

    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("stage: There is no stage “nope”.")
    assert certificate.stage_code in message  # the known codes are listed
    assert client.get("/api/v2/certificates/", {"city": "999999"}).json()["message"] == (
        "city: There is no city with the id 999999."
    )
    assert client.get("/api/v2/certificates/", {"country": "XX"}).status_code == 400
    known = client.get("/api/v2/certificates/", {"stage": certificate.stage_code})
    assert known.json()["meta"]["total_count"] == 1


def test_the_register_filters_by_country_and_city(client, issue):
    busan = issue("Busan", "KR")
    quito = issue("Quito", "EC")

    by_country = client.get("/api/v2/certificates/", {"country": "ec"}).json()
    assert [item["number"] for item in by_country["items"]] == [quito.number]
    city_id = by_country["items"][0]["city"]["id"]
    by_city = client.get("/api/v2/certificates/", {"city": str(city_id)}).json()
    assert [item["number"] for item in by_city["items"]] == [quito.number]
    both = client.get("/api/v2/certificates/", {"country": "KR,EC"}).json()
    assert {item["number"] for item in both["items"]} == {busan.number, quito.number}


def test_the_lookup_is_in_the_openapi_document(client):
    document = client.get("/api/v2/schema/").json()
    operation = document["paths"]["/api/v2/certificates/{number}/"]["get"]
    assert operation["operationId"] == "get_certificate"
    assert set(operation["responses"]) >= {"200", "400", "404"}
    schema = document["components"]["schemas"]["CertificateDetail"]
    assert schema["properties"]["status"]["enum"] == ["active", "expired", "revoked"]
    assert {"revoked_at", "revocation_reason"} <= set(schema["required"])
    listing = document["paths"]["/api/v2/certificates/"]["get"]["parameters"]
    assert {"stage", "country", "city"} <= {parameter["name"] for parameter in listing}


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


def test_webhooks_on_issue_expiry_and_revocation(
    receiver, issue, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(
        name="Registry mirror",
        url=receiver.url,
        events=["certificate.issued", "certificate.expired", "certificate.revoked"],
    )
    WebhookEndpoint.objects.create(name="Pages only", url=receiver.url, events=["page.published"])

    with django_capture_on_commit_callbacks(execute=True):
        issued = issue("Busan", "KR")
    with django_capture_on_commit_callbacks(execute=True):
        committee.revoke(issued, issue.secretary, "Withdrawn by the committee.")
    long_ago = timezone.localdate() - datetime.timedelta(days=5 * 366)
    with django_capture_on_commit_callbacks(execute=True):
        expired = issue("Quito", "EC", today=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert committee.record_expiries() == 1
    # Recorded once: the next run announces nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert committee.record_expiries() == 0

    # Each once: the endpoint for pages only heard none of them (only the cities' pages).
    events = [
        (r.headers["X-USDG-Event"], r.payload["certificate"])
        for r in receiver.requests
        if r.headers["X-USDG-Event"].startswith("certificate.")
    ]
    assert [(event, data["number"]) for event, data in events] == [
        ("certificate.issued", issued.number),
        ("certificate.revoked", issued.number),
        ("certificate.issued", expired.number),
        ("certificate.expired", expired.number),
    ]
    assert events[0][1]["status"] == "active"
    assert events[1][1]["status"] == "revoked"
    assert events[1][1]["revocation_reason"] == "Withdrawn by the committee."
    assert events[3][1]["status"] == "expired"
    certificate_deliveries = WebhookDelivery.objects.filter(event__startswith="certificate.")
    assert set(certificate_deliveries.values_list("status", flat=True)) == {"delivered"}
    assert str(WebhookDelivery.objects.filter(event="certificate.expired").get()) == (
        f"Certificate expired: {expired.number}"
    )
    assert Certificate.objects.get(pk=expired.pk).expired_recorded_at is not None


def test_a_rolled_back_issue_sends_nothing(receiver, issue, django_capture_on_commit_callbacks):
    from django.db import transaction

    WebhookEndpoint.objects.create(name="Registry mirror", url=receiver.url)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=False):
        with transaction.atomic():
            issue("Busan", "KR")
            raise RuntimeError
    assert not receiver.requests and not WebhookDelivery.objects.exists()


def test_the_register_takes_as_many_queries_for_50_certificates_as_for_5(
    client, issue, django_assert_max_num_queries
):
    for number in range(50):
        issue(f"City {number}", "KR")
    client.get("/api/v2/certificates/", {"limit": 50})
    with django_assert_max_num_queries(12) as five:
        assert len(client.get("/api/v2/certificates/", {"limit": 5}).json()["items"]) == 5

    with django_assert_max_num_queries(len(five.captured_queries)):
        fifty = client.get("/api/v2/certificates/", {"limit": 50}).json()

    assert len(fifty["items"]) == 50 and fifty["meta"]["total_count"] == 50
