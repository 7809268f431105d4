"""EMAIL_BACKEND of the platform: every message goes to the queue, none is sent in a request.

Whatever sends mail (our apps, Django's password reset, Wagtail's workflow notifications, error
reports to ADMINS) only writes a row; the background worker sends it with
EMAIL_DELIVERY_BACKEND and retries on failure (mailqueue.delivery), so a mail server that is
down costs the request nothing and loses no message.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction

from . import tasks

logger = logging.getLogger(__name__)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                with transaction.atomic():
                    tasks.store(message)
            except DatabaseError:
                if not self.fail_silently:
                    raise
                logger.warning("E-mail %r not queued: the database failed.", message.subject)
                continue
            queued += 1
        return queued
