"""Which page events reach partner sites, signed, with which headers and payload."""

import datetime
import json
import textwrap
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import pytest

from syndication.delivery import verify_signature
from syndication.events import create_deliveries
from syndication.models import WebhookDelivery, WebhookEndpoint
from tests.factories import StandardPageFactory
from tests.knowledge.conftest import make_private

pytestmark = pytest.mark.django_db

PAGE_KEYS = {"id", "type", "locale", "title", "url", "api_url", "translation_key"}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish `page`'s latest changes and run what waits for the commit."""

    def run(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()

    return run


@pytest.fixture
def draft(homes):
    def make(title="Water week", language="en", parent=None):
        return StandardPageFactory(parent=parent or homes[language], title=title, live=False)

    return make


def test_publishing_sends_a_signed_notice_with_the_documented_headers(
    receiver, endpoint, draft, publish
):
    page = draft()

    publish(page)

    [request] = receiver.requests
    delivery = WebhookDelivery.objects.get()
    headers = request.headers
    assert request.path == "/hooks/usdg"
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "UrbanSDG-Webhooks/1"
    assert headers["X-USDG-Event"] == "page.published"
    assert headers["X-USDG-Delivery"] == str(delivery.uuid)
    assert abs(int(headers["X-USDG-Timestamp"]) - time.time()) < 10
    signature = headers["X-USDG-Signature"]
    assert signature.startswith("sha256=")
    timestamp = headers["X-USDG-Timestamp"]
    assert verify_signature(endpoint.secret, timestamp, request.body, signature)
    assert not verify_signature("another-secret", timestamp, request.body, signature)
    assert not verify_signature(endpoint.secret, timestamp, request.body + b" ", signature)
    assert not verify_signature(endpoint.secret, int(timestamp) + 1, request.body, signature)
    # Five minutes' tolerance: a notice replayed later is refused.
    late = int(timestamp) + 301
    assert not verify_signature(endpoint.secret, timestamp, request.body, signature, now=late)
    assert verify_signature(endpoint.secret, timestamp, request.body, signature, now=late - 2)
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at is not None


def test_payload_has_exactly_the_documented_keys_in_compact_utf8(
    receiver, endpoint, draft, publish
):
    page = draft(title="Journée mondiale de l’eau", language="fr")

    publish(page)

    [request] = receiver.requests
    payload = request.payload
    assert set(payload) == {"event", "delivery", "occurred_at", "page"}
    assert set(payload["page"]) == PAGE_KEYS
    assert request.body == json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    assert "Journée mondiale de l’eau".encode() in request.body
    assert payload["event"] == "page.published"
    assert payload["delivery"] == request.headers["X-USDG-Delivery"]
    occurred_at = datetime.datetime.fromisoformat(payload["occurred_at"])
    assert occurred_at.utcoffset() is not None
    assert abs(timezone.now() - occurred_at) < datetime.timedelta(seconds=10)
    assert payload["page"] == {
        "id": page.pk,
        "type": "pages.StandardPage",
        "locale": "fr",
        "title": "Journée mondiale de l’eau",
        "url": f"http://testserver/fr/{page.slug}/",
        "api_url": f"http://testserver/api/v2/pages/{page.pk}/",
        "translation_key": str(page.translation_key),
    }
    assert WebhookDelivery.objects.get().payload == payload


@pytest.mark.usefixtures("demo_content")
def test_every_page_type_is_described_by_its_own_type(receiver, endpoint, publish):
    from knowledge.models import InitiativePage

    initiative = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="es")

    publish(initiative)

    [request] = receiver.requests
    assert request.payload["page"]["type"] == "knowledge.InitiativePage"
    assert request.payload["page"]["locale"] == "es"
    assert request.payload["page"]["url"].startswith("http://testserver/es/")


def test_unpublishing_and_deleting_send_their_events(
    receiver, endpoint, draft, publish, django_capture_on_commit_callbacks
):
    page = draft()
    publish(page)

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    publish(page)
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    events = [request.headers["X-USDG-Event"] for request in receiver.requests]
    assert events == ["page.published", "page.unpublished", "page.published", "page.deleted"]
    deleted = receiver.requests[-1].payload
    assert deleted["event"] == "page.deleted"
    assert deleted["page"]["id"] == page.pk
    assert deleted["page"]["title"] == "Water week"


def test_deleting_a_section_tells_of_each_live_page_in_it(
    receiver, endpoint, homes, draft, publish, django_capture_on_commit_callbacks
):
    section = draft(title="Campaigns")
    publish(section)
    child = draft(title="Clean rivers", parent=section)
    publish(child)
    draft(title="Never published", parent=section)
    receiver.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        section.delete()

    titles = sorted(request.payload["page"]["title"] for request in receiver.requests)
    assert titles == ["Campaigns", "Clean rivers"]
    assert {request.headers["X-USDG-Event"] for request in receiver.requests} == {"page.deleted"}


def test_a_draft_save_sends_nothing(
    receiver, endpoint, draft, publish, django_capture_on_commit_callbacks
):
    page = draft()
    publish(page)
    receiver.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Water week (draft)"
        page.save_revision()

    assert receiver.requests == []
    assert WebhookDelivery.objects.count() == 1


def test_private_pages_send_nothing(
    receiver, endpoint, draft, publish, django_capture_on_commit_callbacks
):
    section = draft(title="Staff corner")
    publish(section)
    make_private(section)
    receiver.requests.clear()
    child = draft(title="Internal memo", parent=section)

    publish(child)
    publish(section)
    with django_capture_on_commit_callbacks(execute=True):
        child.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()

    assert receiver.requests == []
    # Only the publication before the restriction.
    assert WebhookDelivery.objects.count() == 1


def test_inactive_endpoints_and_unsubscribed_events_get_nothing(
    receiver, draft, publish, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(name="Paused", url=receiver.url + "/paused", active=False)
    WebhookEndpoint.objects.create(
        name="Removals only", url=receiver.url + "/removals", events=["page.deleted"]
    )
    page = draft()

    publish(page)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_each_subscribed_endpoint_gets_its_own_delivery(receiver, endpoint, draft, publish):
    other = WebhookEndpoint.objects.create(name="Second partner", url=receiver.url + "/second")
    page = draft()

    publish(page)

    deliveries = WebhookDelivery.objects.order_by("endpoint__name")
    assert [d.endpoint for d in deliveries] == [endpoint, other]
    assert deliveries[0].uuid != deliveries[1].uuid
    by_path = {request.path: request for request in receiver.requests}
    assert set(by_path) == {"/hooks/usdg", "/hooks/usdg/second"}
    assert verify_signature(
        other.secret,
        by_path["/hooks/usdg/second"].headers["X-USDG-Timestamp"],
        by_path["/hooks/usdg/second"].body,
        by_path["/hooks/usdg/second"].headers["X-USDG-Signature"],
    )


def test_a_change_rolled_back_notifies_nobody(
    receiver, endpoint, draft, django_capture_on_commit_callbacks
):
    page = draft()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()

    # The deliveries wait for the commit, which never comes.
    waiting = [c for c in callbacks if getattr(c, "func", None) is create_deliveries]
    assert len(waiting) == 1
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_new_endpoints_get_a_long_random_secret(db):
    first = WebhookEndpoint.objects.create(name="A", url="https://a.example.org/hook")
    second = WebhookEndpoint.objects.create(name="B", url="https://b.example.org/hook")

    assert len(first.secret) >= 43
    assert first.secret != second.secret
    assert first.events == [
        "page.published",
        "page.unpublished",
        "page.deleted",
        "certificate.issued",
        "certificate.expired",
        "certificate.revoked",
    ]


def test_the_readme_receiver_code_verifies_a_real_notice(receiver, endpoint, draft, publish):
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme[readme.index("## Webhooks for partner sites") :]
    code = section[section.index("```python") + len("```python") : section.index("# e.g.")]
    namespace = {}
    exec(textwrap.dedent(code), namespace)  # noqa: S102 - our own documentation
    page = draft()

    publish(page)

    [request] = receiver.requests
    verify = namespace["verify_signature"]
    args = (request.headers["X-USDG-Timestamp"], request.body, request.headers["X-USDG-Signature"])
    assert verify(endpoint.secret, *args)
    assert not verify("another-secret", *args)
