"""Storing a message in the queue, sending it with the real backend, and when to try again.

A message is stored whole (headers, body, alternatives, attachments) as JSON, and rebuilt as a
Django e-mail message for EMAIL_DELIVERY_BACKEND (SMTP in production). An attempt is claimed
with one conditional UPDATE, so when two workers (or a worker and the retry job) take the same
message at once, only one sends it.
"""

import base64
import datetime
import email
import logging
import smtplib
from email.message import Message
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone

from .models import QueuedEmail

logger = logging.getLogger(__name__)

DEFAULT_RETRY_DELAYS = (60, 300, 1800, 7200, 43200)
# Beyond EMAIL_TIMEOUT, how long a claimed message is left to the worker sending it before the
# retry job may take it again (if that worker died).
CLAIM_MARGIN = 60
# Sent messages are kept (without their body) this many days for the log, then deleted.
KEEP_SENT_DAYS = 30


class _StoredPart(MIMEBase):
    """A MIME attachment read back from its bytes (MIMEBase needs a type to be created)."""

    def __init__(self):
        Message.__init__(self)


def text(value):
    return "" if value is None else str(value)


def _content(content):
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": text(content)}


def _restore(content):
    return base64.b64decode(content["base64"]) if "base64" in content else content["text"]


def serialize(message):
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": _content(attachment.as_bytes())})
        else:
            filename, content, mimetype = attachment
            attachments.append({"filename": filename, "mimetype": mimetype, **_content(content)})
    return {
        "subject": text(message.subject),
        "body": text(message.body),
        "from_email": text(message.from_email),
        "to": [text(address) for address in message.to],
        "cc": [text(address) for address in message.cc],
        "bcc": [text(address) for address in message.bcc],
        "reply_to": [text(address) for address in message.reply_to],
        "headers": {text(name): text(value) for name, value in message.extra_headers.items()},
        "encoding": message.encoding if isinstance(message.encoding, str) else None,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "alternatives": [
            {"mimetype": mimetype, **_content(content)}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def deserialize(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"] or None,
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.encoding = data.get("encoding")
    message.content_subtype = data.get("content_subtype", "plain")
    message.mixed_subtype = data.get("mixed_subtype", "mixed")
    for alternative in data["alternatives"]:
        message.attach_alternative(_restore(alternative), alternative["mimetype"])
    for attachment in data["attachments"]:
        if "mime" in attachment:
            part = email.message_from_bytes(_restore(attachment["mime"]), _class=_StoredPart)
            message.attach(part)
        else:
            message.attach(attachment["filename"], _restore(attachment), attachment["mimetype"])
    return message


def retry_delays():
    return list(getattr(settings, "EMAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def send(queued):
    """Send through the real backend: "" on success, else the error."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        sent = connection.send_messages([deserialize(queued.message)])
    # A message stored damaged (KeyError, TypeError) fails like any other, never for ever.
    except (smtplib.SMTPException, OSError, ValueError, KeyError, TypeError) as error:
        return f"{type(error).__name__}: {error}".strip(": ")
    if not sent:
        return "The mail backend accepted nothing."
    return ""


def record(queued, error):
    """Store the outcome of an attempt and decide what comes next."""
    now = timezone.now()
    queued.attempts += 1
    queued.last_attempt_at = now
    queued.last_error = error[:500]
    delays = retry_delays()
    if not error:
        queued.status = QueuedEmail.Status.SENT
        queued.sent_at = now
        queued.next_attempt_at = None
        queued.message = {}
    elif queued.attempts <= len(delays):
        queued.status = QueuedEmail.Status.RETRYING
        queued.next_attempt_at = now + datetime.timedelta(seconds=delays[queued.attempts - 1])
    else:
        queued.status = QueuedEmail.Status.FAILED
        queued.next_attempt_at = None
    if error:
        logger.warning(
            "E-mail %s to %s not sent (attempt %d): %s",
            queued.uuid,
            queued.recipients,
            queued.attempts,
            error,
        )
    queued.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_error",
            "status",
            "sent_at",
            "next_attempt_at",
            "message",
        ]
    )


def claim_seconds():
    return (getattr(settings, "EMAIL_TIMEOUT", None) or 30) + CLAIM_MARGIN


def deliver(pk):
    """Make the message's next attempt if it is due and no other worker is making it."""
    now = timezone.now()
    claimed = QueuedEmail.objects.filter(
        pk=pk, status__in=QueuedEmail.OPEN, next_attempt_at__lte=now
    ).update(next_attempt_at=now + datetime.timedelta(seconds=claim_seconds()))
    if not claimed:
        return None
    queued = QueuedEmail.objects.get(pk=pk)
    record(queued, send(queued))
    return queued.status


def due_messages():
    """Messages whose next attempt has come, soonest first."""
    return QueuedEmail.objects.filter(
        status__in=QueuedEmail.OPEN, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at")


def reset_for_retry(queued):
    """A failed (or waiting) message back to the queue, due now. False if it cannot be."""
    return bool(
        QueuedEmail.objects.filter(pk=queued.pk, status__in=QueuedEmail.RETRYABLE).update(
            status=QueuedEmail.Status.PENDING, next_attempt_at=timezone.now()
        )
    )


def prune_sent():
    """Forget sent messages older than KEEP_SENT_DAYS."""
    limit = timezone.now() - datetime.timedelta(days=KEEP_SENT_DAYS)
    return QueuedEmail.objects.filter(status=QueuedEmail.Status.SENT, sent_at__lt=limit).delete()[0]
