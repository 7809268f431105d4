"""Protection of public forms against spam bots and floods, without third-party scripts.

Two signs of a bot, both invisible to people: a honeypot field hidden from people (bots fill in
every field), and a signed time stamp written when the form is shown (bots post at once, or
replay old forms). A rate limit per member or address caps what a person can post in an hour.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import is_ratelimited

STAMP_SALT = "knowledge.interaction.form-stamp"
STAMP_MAX_AGE = 24 * 3600


def new_stamp():
    """A signed note of when a form was shown."""
    return signing.dumps(time.time(), salt=STAMP_SALT)


class BotTrapForm(forms.Form):
    """A form with the honeypot and the time stamp. The stamp is renewed on every display, so a
    form shown again after an error can be sent again at once."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        if time.time() - float(shown_at) < settings.INTERACTION_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was faster than a person can type. Please check and send it again."),
                code="too-fast",
            )
        return cleaned_data


def rate_limited(request, group):
    """True once the member (or the address, for visitors) has used up the group's rate, as set
    in settings.INTERACTION_RATES; counts this request."""
    return is_ratelimited(
        request,
        group=f"interaction.{group}",
        key="user_or_ip",
        rate=settings.INTERACTION_RATES[group],
        increment=True,
    )
