"""Outcomes of delivery attempts, back-off, and the periodic retry job."""

import datetime

from django.conf import settings
from django.utils import timezone

import pytest

from syndication.events import create_deliveries
from syndication.models import WebhookDelivery, WebhookEndpoint
from syndication.tasks import retry_webhooks

pytestmark = pytest.mark.django_db

PAGE = {
    "id": 12,
    "type": "knowledge.InitiativePage",
    "locale": "fr",
    "title": "Politique alimentaire",
    "url": "http://testserver/fr/cities/milan/milan-food-policy/",
    "api_url": "http://testserver/api/v2/pages/12/",
    "translation_key": "0b7c3c0e-5f42-4a52-9a69-6f0b7c9a1c11",
}


def notify():
    """What a publication does once committed: a delivery per endpoint, sent at once."""
    create_deliveries("page.published", PAGE, timezone.now())
    return WebhookDelivery.objects.get()


def make_due(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_server_error_schedules_a_retry_after_the_first_delay(receiver, endpoint):
    receiver.script = [500]

    delivery = notify()

    assert len(receiver.requests) == 1
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert "500" in delivery.last_error
    assert delivery.delivered_at is None
    expected = delivery.last_attempt_at + datetime.timedelta(seconds=60)
    assert abs(delivery.next_attempt_at - expected) < datetime.timedelta(seconds=2)
    assert abs(delivery.next_attempt_at - timezone.now()) > datetime.timedelta(seconds=55)


def test_retry_job_waits_for_the_time_then_delivers_with_the_same_delivery_id(receiver, endpoint):
    receiver.script = [500]
    delivery = notify()
    first = receiver.requests[0]

    assert retry_webhooks.enqueue().return_value == 0
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert delivery.attempts == 1

    make_due(delivery)
    assert retry_webhooks.enqueue().return_value == 1

    delivery.refresh_from_db()
    assert len(receiver.requests) == 2
    second = receiver.requests[1]
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 2
    assert delivery.last_status_code == 200
    assert delivery.last_error == ""
    assert delivery.next_attempt_at is None
    assert second.headers["X-USDG-Delivery"] == first.headers["X-USDG-Delivery"]
    assert second.headers["X-USDG-Delivery"] == str(delivery.uuid)
    assert second.body == first.body
    # Delivered: the job leaves it alone from now on.
    assert retry_webhooks.enqueue().return_value == 0
    assert len(receiver.requests) == 2


def test_a_dead_port_records_the_connection_error(dead_url, db):
    WebhookEndpoint.objects.create(name="Gone", url=dead_url)

    delivery = notify()

    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower()
    assert delivery.next_attempt_at > timezone.now()


def test_a_receiver_too_slow_to_answer_times_out(receiver, endpoint, settings):
    settings.WEBHOOK_TIMEOUT = 1
    receiver.script = [("sleep", 2, 200)]

    delivery = notify()

    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.last_status_code is None
    assert "timed out" in delivery.last_error


def test_a_redirect_is_not_followed_and_counts_as_a_failure(receiver, endpoint):
    receiver.script = [302]

    delivery = notify()

    assert len(receiver.requests) == 1
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.last_status_code == 302


def test_after_the_last_delay_the_delivery_has_failed(receiver, endpoint, settings):
    settings.WEBHOOK_RETRY_DELAYS = [30, 90]
    receiver.script = [503, 500, 400]

    delivery = notify()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.RETRYING, 1)
    make_due(delivery)
    retry_webhooks.enqueue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.RETRYING, 2)
    expected = delivery.last_attempt_at + datetime.timedelta(seconds=90)
    assert abs(delivery.next_attempt_at - expected) < datetime.timedelta(seconds=2)
    make_due(delivery)
    retry_webhooks.enqueue()

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 3
    assert delivery.last_status_code == 400
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 3
    assert retry_webhooks.enqueue().return_value == 0


def test_deliveries_of_an_endpoint_switched_off_wait(receiver, endpoint):
    receiver.script = [500]
    delivery = notify()
    endpoint.active = False
    endpoint.save()
    make_due(delivery)

    assert retry_webhooks.enqueue().return_value == 0

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert len(receiver.requests) == 1


def test_a_delivery_under_way_is_not_sent_twice(receiver, endpoint):
    from syndication.tasks import deliver_webhook

    receiver.script = [500]
    delivery = notify()

    # Not yet due (as while a worker is making the attempt): enqueuing it again sends nothing.
    deliver_webhook.enqueue(delivery.pk)

    assert len(receiver.requests) == 1


def test_the_retry_job_runs_every_minute():
    assert settings.PERIODIC_TASKS["syndication.tasks.retry_webhooks"] == {"minutes": 1}
    assert settings.WEBHOOK_RETRY_DELAYS == [60, 300, 1800, 7200, 43200]
    assert settings.WEBHOOK_TIMEOUT == 10


def test_retry_delays_are_read_from_the_environment(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from cms.settings.env import env_int_list

    monkeypatch.setenv("WEBHOOK_RETRY_DELAYS", "10, 20,40")
    assert env_int_list("WEBHOOK_RETRY_DELAYS", [60]) == [10, 20, 40]
    monkeypatch.setenv("WEBHOOK_RETRY_DELAYS", "10,soon")
    with pytest.raises(ImproperlyConfigured):
        env_int_list("WEBHOOK_RETRY_DELAYS", [60])
