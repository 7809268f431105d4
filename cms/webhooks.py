"""Certificates issued, expired or revoked, sent to partner sites as webhooks: certification's
signal on syndication's one delivery mechanism (neither app imports the other)."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale

from certification import signals
from certification.api import detail
from certification.register import register_rows
from syndication.events import notify
from syndication.models import Event

EVENTS = {
    signals.ISSUED: Event.CERTIFICATE_ISSUED,
    signals.EXPIRED: Event.CERTIFICATE_EXPIRED,
    signals.REVOKED: Event.CERTIFICATE_REVOKED,
}


def describe(certificate):
    """The certificate as /api/v2/certificates/<number>/ gives it, in the default language."""
    locale = Locale.get_default()
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    with translation.override(locale.language_code):
        return detail(register_rows([certificate], locale)[0], base)


def _certificate_changed(sender, certificate, change, **kwargs):
    notify(EVENTS[change], "certificate", lambda: describe(certificate))


def connect():
    signals.certificate_changed.connect(_certificate_changed, dispatch_uid="cms_certificate_hooks")
