"""Partner sites' webhook endpoints and the log of every delivery to them."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PUBLISHED = "page.published", _("Page published")
    UNPUBLISHED = "page.unpublished", _("Page unpublished")
    DELETED = "page.deleted", _("Page deleted")
    # Announced through syndication.events.notify by the app that owns the thing (the project
    # wires certification's signals to it in cms.signal_handlers).
    CERTIFICATE_ISSUED = "certificate.issued", _("Certificate issued")
    CERTIFICATE_EXPIRED = "certificate.expired", _("Certificate expired")
    CERTIFICATE_REVOKED = "certificate.revoked", _("Certificate revoked")


def generate_secret():
    return secrets.token_urlsafe(32)


def all_events():
    return list(Event.values)


def validate_events(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one event."))
    unknown = [event for event in value if event not in Event.values]
    if unknown:
        raise ValidationError(
            _("Unknown events: %(events)s"), params={"events": ", ".join(map(str, unknown))}
        )


class WebhookEndpoint(models.Model):
    """A partner site's address that receives signed notices of page events."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The partner's address that receives the notices (http or https)."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=generate_secret,
        help_text=_(
            "Shared with the partner, who checks each notice's X-USDG-Signature with it. "
            "Changing it takes effect at the next attempt."
        ),
    )
    events = models.JSONField(
        _("events"), default=all_events, validators=[validate_events], blank=False
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive endpoints receive nothing; their waiting deliveries are kept."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.name

    @property
    def event_labels(self):
        return ", ".join(str(label) for value, label in Event.choices if value in self.events)

    def subscribes_to(self, event):
        return event in (self.events or [])


class WebhookDelivery(models.Model):
    """One notice to one endpoint, with the outcome of its latest attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    OPEN = (Status.PENDING, Status.RETRYING)
    RETRYABLE = (Status.FAILED, Status.RETRYING)

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    # Sent as X-USDG-Delivery and in the payload: the same on every retry, so that receivers
    # can recognise a notice they already handled.
    uuid = models.UUIDField(_("delivery ID"), default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(_("event"), max_length=32, choices=Event.choices)
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, default=timezone.now
    )
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        # Deliveries are made by the platform, never by hand: viewing them and asking for
        # another attempt are the only permissions.
        default_permissions = ("view",)
        permissions = [("retry_webhookdelivery", _("Can retry webhook deliveries"))]

    def __str__(self):
        return f"{self.get_event_display()}: {self.page_title}"

    @property
    def page_title(self):
        """The page's title, or the number of the certificate the notice is about."""
        if "certificate" in self.payload:
            return (self.payload.get("certificate") or {}).get("number", "")
        return (self.payload.get("page") or {}).get("title", "")

    @property
    def can_retry(self):
        return self.status in self.RETRYABLE
