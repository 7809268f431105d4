"""Telling people about errors: mail to ADMINS, JSON log lines, and Sentry when configured.

- `AdminEmailHandler` mails errors to ADMINS through the mail queue like every other message,
  once per kind of error per ERROR_MAIL_INTERVAL (a broken page hit by every visitor is one
  mail, not thousands). When the queue cannot take it (the database is down), it goes straight
  to the mail server, so an outage of the database is reported too.
- `JsonFormatter` writes one JSON object per line (LOG_FORMAT=json) for log collectors.
- `init_sentry` starts the Sentry SDK (any Sentry-compatible service) when SENTRY_DSN is set;
  the package is imported only then.
"""

import hashlib
import json
import logging
import traceback
from datetime import UTC, datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils.log import AdminEmailHandler as DjangoAdminEmailHandler

# Seconds during which the same error is mailed to ADMINS only once.
ERROR_MAIL_INTERVAL = 600


def errors_are_reported():
    """Whether someone hears of a server error: ADMINS or an error-tracking service."""
    return bool(settings.ADMINS or getattr(settings, "SENTRY_DSN", ""))


def _signature(record):
    """What makes two log records the same error: where it was raised, and what."""
    parts = [record.name, str(record.levelno)]
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}")
        frames = traceback.extract_tb(record.exc_info[2])
        if frames:
            parts.append(f"{frames[-1].filename}:{frames[-1].lineno}")
    else:
        parts.extend([str(record.msg), record.pathname, str(record.lineno)])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


class AdminEmailHandler(DjangoAdminEmailHandler):
    def emit(self, record):
        if not settings.ADMINS:
            return
        from django.core.cache import cache

        if not cache.add(f"error-report:{_signature(record)}", 1, ERROR_MAIL_INTERVAL):
            return
        super().emit(record)

    def send_mail(self, subject, message, *args, **kwargs):
        mail = EmailMultiAlternatives(
            f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
            message,
            settings.SERVER_EMAIL,
            [address for _name, address in settings.ADMINS],
        )
        if kwargs.get("html_message"):
            mail.attach_alternative(kwargs["html_message"], "text/html")
        if get_connection(fail_silently=True).send_messages([mail]):
            return
        get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=True).send_messages([mail])


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the request and exception
    when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        client = getattr(record, "client_ip", None)
        if client is not None:
            entry["client"] = client
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status"] = status_code
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["exception"] = f"{type(error).__module__}.{type(error).__qualname__}"
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def init_sentry(dsn, environment, release=""):
    """Report unhandled errors and error logs to a Sentry-compatible service."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        # Personal data (addresses, cookies, user names) stays on the site.
        send_default_pii=False,
        traces_sample_rate=0,
    )
