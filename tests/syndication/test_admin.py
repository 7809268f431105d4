"""Admin screens: endpoints, the delivery log, "Retry now", and who may use them."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from knowledge.models import CityPage
from syndication.models import WebhookDelivery, WebhookEndpoint
from tests.knowledge.members import make_member

pytestmark = pytest.mark.django_db

LOG = reverse("webhook_deliveries:index")
ENDPOINTS = reverse("webhooks:index")


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(db):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    client = Client()
    client.force_login(make_member(seoul, "officer@seoul.example.org"))
    return client


@pytest.fixture
def viewer_client(db):
    """Reads the log; may not retry."""
    group = Group.objects.create(name="Webhook watchers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_webhookdelivery"),
    )
    user = get_user_model().objects.create_user("watcher", "watcher@example.org", "pw")
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def make_delivery(endpoint, title="Food policy", status=WebhookDelivery.Status.DELIVERED, **kw):
    delivery = WebhookDelivery(endpoint=endpoint, event="page.published", status=status, **kw)
    delivery.payload = {
        "event": "page.published",
        "delivery": str(delivery.uuid),
        "occurred_at": timezone.now().isoformat(),
        "page": {"id": 1, "title": title},
    }
    delivery.save()
    return delivery


def failed(endpoint, title="Broken page"):
    return make_delivery(
        endpoint,
        title=title,
        status=WebhookDelivery.Status.FAILED,
        attempts=6,
        last_status_code=502,
        last_error="HTTP 502 Bad Gateway",
        next_attempt_at=None,
    )


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.startswith(("/admin/login", "/admin/"))
    )


def test_the_log_lists_deliveries_for_a_superuser_with_filters(admin_client, endpoint):
    other = WebhookEndpoint.objects.create(name="Other partner", url="https://b.example.org/h")
    make_delivery(endpoint, title="Food policy")
    failed(other, title="Flood barriers")

    response = admin_client.get(LOG)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Food policy", "Flood barriers", "Partner portal", "Other partner"):
        assert text in html
    for heading in ("Created", "Event", "Page", "Endpoint", "Status", "Attempts", "Next attempt"):
        assert heading in html
    assert "Last status code" in html

    only_failed = admin_client.get(LOG, {"status": "failed"}).content.decode()
    assert "Flood barriers" in only_failed and "Food policy" not in only_failed
    by_endpoint = admin_client.get(LOG, {"endpoint": endpoint.pk}).content.decode()
    assert "Food policy" in by_endpoint and "Flood barriers" not in by_endpoint
    by_event = admin_client.get(LOG, {"event": "page.deleted"}).content.decode()
    assert "Food policy" not in by_event and "Flood barriers" not in by_event


def test_the_log_is_read_only(admin_client, endpoint):
    delivery = make_delivery(endpoint)

    html = admin_client.get(LOG).content.decode()

    assert "webhook-deliveries/new/" not in html
    assert f"webhook-deliveries/edit/{delivery.pk}/" not in html
    assert f"webhook-deliveries/delete/{delivery.pk}/" not in html
    for path in ("new/", f"edit/{delivery.pk}/", f"delete/{delivery.pk}/"):
        assert admin_client.get(f"{LOG}{path}").status_code == 404


def test_inspect_shows_the_payload_and_the_last_error(admin_client, endpoint):
    delivery = failed(endpoint)

    response = admin_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "HTTP 502 Bad Gateway" in html
    assert str(delivery.uuid) in html
    assert "&quot;title&quot;: &quot;Broken page&quot;" in html
    assert reverse("webhook_deliveries:retry", args=[delivery.pk]) in html


@pytest.mark.usefixtures("demo_content")
def test_members_without_the_permissions_are_refused(member_client, endpoint):
    delivery = failed(endpoint)

    for url in (
        LOG,
        reverse("webhook_deliveries:inspect", args=[delivery.pk]),
        ENDPOINTS,
        reverse("webhooks:edit", args=[endpoint.pk]),
    ):
        response = member_client.get(url)
        assert refused(response), url
        assert endpoint.secret not in response.content.decode()
        assert "Broken page" not in response.content.decode()

    response = member_client.post(reverse("webhook_deliveries:retry", args=[delivery.pk]))
    assert refused(response)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED


def test_retry_now_sends_a_failed_delivery_again(
    admin_client, receiver, endpoint, django_capture_on_commit_callbacks
):
    delivery = failed(endpoint)
    url = reverse("webhook_deliveries:retry", args=[delivery.pk])
    assert "Retry now" in admin_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)

    assert response.status_code == 302
    assert response.url == reverse("webhook_deliveries:inspect", args=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 7
    [request] = receiver.requests
    assert request.headers["X-USDG-Delivery"] == str(delivery.uuid)


def test_retry_now_is_refused_without_the_permission(
    viewer_client, receiver, endpoint, django_capture_on_commit_callbacks
):
    delivery = failed(endpoint)
    assert viewer_client.get(LOG).status_code == 200
    inspect = viewer_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    url = reverse("webhook_deliveries:retry", args=[delivery.pk])
    assert url not in inspect.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = viewer_client.post(url)

    assert refused(response)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert receiver.requests == []


def test_a_delivered_delivery_cannot_be_retried(admin_client, receiver, endpoint):
    delivery = make_delivery(endpoint, attempts=1)

    url = reverse("webhook_deliveries:retry", args=[delivery.pk])
    response = admin_client.post(url)

    assert response.status_code == 409
    assert "can be retried" in response.content.decode()
    assert admin_client.get(url).status_code == 409
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert receiver.requests == []
    assert admin_client.post(reverse("webhook_deliveries:retry", args=[999999])).status_code == 404


def test_endpoints_are_created_with_a_secret_shown_to_admins(admin_client):
    add = admin_client.get(reverse("webhooks:add"))
    assert add.status_code == 200
    assert 'name="secret"' in add.content.decode()

    response = admin_client.post(
        reverse("webhooks:add"),
        {
            "name": "City portal",
            "url": "https://portal.example.org/hooks",
            "secret": "shared-secret-of-forty-characters-at-least",
            "events": ["page.published", "page.deleted"],
            "active": "on",
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get(name="City portal")
    assert endpoint.events == ["page.published", "page.deleted"]
    edit = admin_client.get(reverse("webhooks:edit", args=[endpoint.pk])).content.decode()
    assert "shared-secret-of-forty-characters-at-least" in edit
    assert "City portal" in admin_client.get(ENDPOINTS).content.decode()


@pytest.mark.parametrize(
    "url", ["ftp://portal.example.org/hooks", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_endpoints_take_http_addresses_only(admin_client, url):
    response = admin_client.post(
        reverse("webhooks:add"),
        {"name": "Odd", "url": url, "secret": "s" * 43, "events": ["page.published"]},
    )

    assert response.status_code == 200
    assert not WebhookEndpoint.objects.filter(name="Odd").exists()


def test_an_endpoint_needs_an_event(admin_client):
    response = admin_client.post(
        reverse("webhooks:add"),
        {"name": "Deaf", "url": "https://x.example.org/", "secret": "s" * 43},
    )

    assert response.status_code == 200
    assert not WebhookEndpoint.objects.filter(name="Deaf").exists()


def test_the_log_costs_the_same_queries_for_3_and_30_deliveries(
    admin_client, endpoint, django_assert_max_num_queries
):
    second = WebhookEndpoint.objects.create(name="Second", url="https://b.example.org/h")

    def add(count):
        for n in range(count):
            make_delivery(
                (endpoint, second)[n % 2],
                title=f"Page {n}",
                status=WebhookDelivery.Status.RETRYING,
                next_attempt_at=timezone.now() + datetime.timedelta(minutes=n),
            )

    add(3)
    admin_client.get(LOG)  # warm the admin's own caches
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(LOG).status_code == 200
    add(27)

    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(LOG)

    assert "Page 26" in response.content.decode()
