"""Events that partner sites hear about: pages published, unpublished or deleted, and whatever
another app announces through `notify` (certificates issued, expired or revoked).

The subject is described at once (a deleted page is gone after the commit); the deliveries are
created and sent only once the change is committed, so a rolled-back change notifies nobody.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .models import Event, WebhookDelivery, WebhookEndpoint
from .tasks import deliver_webhook


def subscribed_endpoints(event):
    # Endpoints are few; their events are a JSON list, which SQLite cannot search with a lookup.
    return [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        if endpoint.subscribes_to(event)
    ]


def is_public(page):
    """Shown to every visitor: below the tree's root, no view restriction on it or above it."""
    return page.depth > 1 and not page.get_view_restrictions().exists()


def _absolute(base, path):
    return base.rstrip("/") + path if base else None


def describe(page):
    """The "page" object of the payload."""
    parts = page.get_url_parts()
    url = None
    if parts and parts[2]:
        url = _absolute(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or parts[1], parts[2])
    api_base = getattr(settings, "WAGTAILAPI_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    try:
        api_url = _absolute(api_base, reverse("wagtailapi:pages:detail", args=[page.pk]))
    except NoReverseMatch:  # a site without the API
        api_url = None
    model = page.specific_class or type(page)
    return {
        "id": page.pk,
        "type": f"{model._meta.app_label}.{model.__name__}",
        "locale": page.locale.language_code,
        "title": page.title,
        "url": url,
        "api_url": api_url,
        "translation_key": str(page.translation_key),
    }


def create_deliveries(event, page, occurred_at, subject="page"):
    """A delivery per active endpoint subscribed to `event`, each handed to the worker; the
    payload names the subject's description `subject` ("page", "certificate")."""
    # Wagtail unpublishes a live page just before deleting it: "page.deleted" says it all.
    if event == Event.UNPUBLISHED and not Page.objects.filter(pk=page["id"]).exists():
        return
    for endpoint in subscribed_endpoints(event):
        delivery = WebhookDelivery(endpoint=endpoint, event=event)
        delivery.payload = {
            "event": event,
            "delivery": str(delivery.uuid),
            "occurred_at": occurred_at.isoformat(),
            subject: page,
        }
        delivery.save()
        deliver_webhook.enqueue(delivery.pk)


def capture(event, page):
    if not subscribed_endpoints(event) or not is_public(page):
        return
    transaction.on_commit(
        partial(create_deliveries, event, describe(page), timezone.now()), robust=True
    )


def notify(event, subject, describe_subject):
    """Announce `event` (one of Event) about a public thing that is not a page: once the change
    is committed, each subscribed endpoint gets {"event", "delivery", "occurred_at",
    <subject>: describe_subject()}. The description is made only when someone listens."""
    if event not in Event.values:
        raise ValueError(f"Unknown webhook event: {event}")
    if not subscribed_endpoints(event):
        return
    transaction.on_commit(
        partial(create_deliveries, event, describe_subject(), timezone.now(), subject),
        robust=True,
    )


def on_published(sender, instance, **kwargs):
    # A publication scheduled for later sends the signal only when it happens.
    if instance.live:
        capture(Event.PUBLISHED, instance)


def on_unpublished(sender, instance, **kwargs):
    capture(Event.UNPUBLISHED, instance)


def on_page_deleting(sender, instance, **kwargs):
    # Sent for the page and each of its descendants. The row is read again, since the instance
    # being deleted may be out of date; drafts were never public.
    if not subscribed_endpoints(Event.DELETED):
        return
    page = Page.objects.filter(pk=instance.pk, live=True).select_related("locale").first()
    if page is not None:
        capture(Event.DELETED, page)


def register_signal_handlers():
    page_published.connect(on_published, dispatch_uid="syndication_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="syndication_page_unpublished")
    pre_delete.connect(on_page_deleting, sender=Page, dispatch_uid="syndication_page_deleted")
