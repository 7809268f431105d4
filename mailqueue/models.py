"""Each outgoing e-mail, with the outcome of its latest delivery attempt."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    OPEN = (Status.PENDING, Status.RETRYING)
    RETRYABLE = (Status.FAILED, Status.RETRYING)

    uuid = models.UUIDField(_("message ID"), default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    recipients = models.TextField(_("recipients"))
    from_email = models.CharField(_("sender"), max_length=320, blank=True)
    # The whole message (mailqueue.delivery.serialize); emptied once it is sent, since bodies
    # hold sign-in and confirmation links.
    message = models.JSONField(_("message"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, default=timezone.now
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("mail queue")
        # Messages are written by the platform, never by hand: viewing them and asking for
        # another attempt are the only permissions.
        default_permissions = ("view",)
        permissions = [("retry_queuedemail", _("Can retry e-mails"))]

    def __str__(self):
        return self.subject or str(self.uuid)

    @property
    def can_retry(self):
        return self.status in self.RETRYABLE
