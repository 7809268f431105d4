"""Sending a delivery: the signed request, its outcome, and when to try again.

Each request carries X-USDG-Timestamp (unix seconds) and
X-USDG-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the endpoint's secret>.
"""

import datetime
import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from .models import WebhookDelivery

USER_AGENT = "UrbanSDG-Webhooks/1"
DEFAULT_TIMEOUT = 10
DEFAULT_RETRY_DELAYS = (60, 300, 1800, 7200, 43200)
# Beyond the timeout, how long a claimed delivery is left to the worker making the attempt
# before the retry job may pick it up again (if that worker died).
CLAIM_MARGIN = 60


def timeout():
    return getattr(settings, "WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT)


def retry_delays():
    return list(getattr(settings, "WEBHOOK_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def encode(payload):
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_signature(secret, timestamp, body, header, *, tolerance=300, now=None):
    """Whether `header` (X-USDG-Signature) signs `body` (bytes) sent at `timestamp`
    (X-USDG-Timestamp) with `secret`, and that time is within `tolerance` seconds of now.

    Standard library only, so that receivers can copy it.
    """
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if tolerance is not None and abs(now - sent) > tolerance:
        return False
    if isinstance(body, str):
        body = body.encode("utf-8")
    expected = sign(secret, sent, body)
    return hmac.compare_digest(expected.encode(), (header or "").encode())


def _opener():
    # No redirect handler: a redirect is answered like any other status that is not 2xx, and
    # only http(s) handlers, so a notice never goes to another kind of address.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def post(delivery, seconds):
    """POST the delivery to its endpoint: (status code or None, error text)."""
    body = encode(delivery.payload)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-USDG-Event": delivery.event,
            "X-USDG-Delivery": str(delivery.uuid),
            "X-USDG-Timestamp": timestamp,
            "X-USDG-Signature": sign(delivery.endpoint.secret, timestamp, body),
        },
    )
    try:
        with _opener().open(request, timeout=seconds) as response:
            return response.status, ""
    except urllib.error.HTTPError as e:
        e.close()
        return e.code, f"HTTP {e.code} {e.reason}"
    except urllib.error.URLError as e:
        return None, str(e.reason) or type(e.reason).__name__
    except (OSError, http.client.HTTPException, ValueError) as e:
        return None, str(e) or type(e).__name__


def record(delivery, status_code, error):
    """Store the outcome of an attempt and decide what comes next."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = status_code
    delivery.last_error = error[:500]
    delays = retry_delays()
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts <= len(delays):
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.next_attempt_at = now + datetime.timedelta(seconds=delays[delivery.attempts - 1])
    else:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )


def deliver(delivery_pk):
    """Make the delivery's next attempt if it is due, its endpoint active, and no other worker
    is making it (the retry job may enqueue it again while an attempt is under way)."""
    now = timezone.now()
    seconds = timeout()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_pk,
        status__in=WebhookDelivery.OPEN,
        next_attempt_at__lte=now,
        endpoint__active=True,
    ).update(next_attempt_at=now + datetime.timedelta(seconds=seconds + CLAIM_MARGIN))
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_pk)
    status_code, error = post(delivery, seconds)
    record(delivery, status_code, error)
    return delivery.status


def due_deliveries():
    """Deliveries whose next attempt has come, soonest first."""
    return WebhookDelivery.objects.filter(
        status__in=WebhookDelivery.OPEN,
        next_attempt_at__lte=timezone.now(),
        endpoint__active=True,
    ).order_by("next_attempt_at")


def reset_for_retry(delivery):
    """A failed (or waiting) delivery back to pending, due now. False if it cannot be retried."""
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery.pk,
            status__in=WebhookDelivery.RETRYABLE,
        ).update(status=WebhookDelivery.Status.PENDING, next_attempt_at=timezone.now())
    )
