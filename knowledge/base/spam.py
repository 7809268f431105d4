"""Protection of public forms against spam bots and floods, without third-party scripts.

Two signs of a bot, both invisible to people: a honeypot field hidden from people (bots fill in
every field), and a signed time stamp written when the form is shown (bots post at once, or
replay old forms). A stamp is accepted once per member, or per address for visitors: the forms
on cached pages carry the same stamp for every visitor until the page is rendered again. A rate
limit per member or address caps what a person can post in an hour; forms that send e-mail to
the address typed in are also limited per recipient (mail_flood).

Used stamps are remembered in the shared cache for as long as a stamp is valid. Without it (the
cache falling back to each process's memory), a replay is refused only by the process that saw
the stamp first, so a stamp is accepted at most once per app process; the rate limits, counted
in the same cache, still apply.
"""

import hashlib
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited, user_or_ip

from ..conf import app_settings

STAMP_SALT = "knowledge.interaction.form-stamp"  # unchanged: stamps already handed out stay valid
STAMP_MAX_AGE = 24 * 3600
STAMP_MAX_LENGTH = 200


def new_stamp():
    """A signed note of when a form was shown."""
    return signing.dumps(time.time(), salt=STAMP_SALT)


class BotTrapForm(forms.Form):
    """A form with the honeypot and the time stamp. The stamp is renewed on every display, so a
    form shown again after an error can be sent again at once."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput, max_length=STAMP_MAX_LENGTH, required=False)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Whose use of the stamp counts: the member, or the visitor's address.
        self.request = request
        # The field is shown with a fresh stamp whether the form is bound or not.
        self.fields["stamp"].initial = new_stamp()
        self._posted_stamp = ""
        if self.is_bound:
            name = self.add_prefix("stamp")
            self._posted_stamp = self.data.get(name, "")
            self.data = self.data.copy()
            self.data[name] = self.fields["stamp"].initial

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("This form looks as if a program filled it in. Please send it again."),
                code="bot",
            )
        try:
            shown_at = signing.loads(self._posted_stamp, salt=STAMP_SALT, max_age=STAMP_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("This form was open for too long. Please send it again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form looks as if a program filled it in. Please send it again."),
                code="bot",
            ) from None
        if time.time() - float(shown_at) < app_settings.INTERACTION_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was faster than a person can type. Please check and send it again."),
                code="too-fast",
            )
        if not cache.add(self._stamp_key(), True, timeout=STAMP_MAX_AGE):
            raise forms.ValidationError(
                _("This form was sent already. To send it again, send it now."),
                code="replayed",
            )
        return cleaned_data

    def _stamp_key(self):
        sender = user_or_ip(self.request) if self.request is not None else ""
        digest = hashlib.sha256(
            f"{type(self).__name__}:{sender}:{self._posted_stamp}".encode()
        ).hexdigest()
        return f"form-stamp:{digest}"


def rate_limited(request, group):
    """True once the member (or the address, for visitors) has used up the group's rate, as set
    in app_settings.INTERACTION_RATES; counts this request."""
    return is_ratelimited(
        request,
        group=f"interaction.{group}",
        key="user_or_ip",
        rate=app_settings.INTERACTION_RATES[group],
        increment=True,
    )


def mail_flood(request, group, email):
    """True once the client's address has used up the rate of `group` (a form that sends e-mail
    to the address typed in, app_settings.MAIL_FORM_RATES), or `email` the rate of mail any of these
    forms may send to one recipient (app_settings.RATE_MAILS_PER_RECIPIENT); counts this request."""
    limited = False
    if app_settings.MAIL_FORM_RATES.get(group):
        limited = is_ratelimited(
            request,
            group=f"mail.{group}",
            key="ip",
            rate=app_settings.MAIL_FORM_RATES[group],
            increment=True,
        )
    if app_settings.RATE_MAILS_PER_RECIPIENT:
        recipient = email.strip().lower()
        limited = (
            is_ratelimited(
                request,
                group="mail.recipient",
                key=lambda _group, _request: recipient,
                rate=app_settings.RATE_MAILS_PER_RECIPIENT,
                increment=True,
            )
            or limited
        )
    return limited
