import math

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from django_otp import devices_for_user, match_token

TOKEN_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}


def wrong_code():
    return _(
        "That code is not valid. Enter the six digits your app shows now, or one of your "
        "recovery codes."
    )


def refused_for_now(devices):
    """The message for a code refused because django-otp holds a device back after wrong codes
    (it refuses even the right code for a while), or None."""
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            seconds = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
            return ngettext(
                "Too many wrong codes: wait %(seconds)s second and try again.",
                "Too many wrong codes: wait %(seconds)s seconds and try again.",
                seconds,
            ) % {"seconds": seconds}
    return None


class SetupForm(forms.Form):
    """The first code of a new authenticator app, which proves it was set up right."""

    token = forms.CharField(
        label=_("Code from your app"), max_length=16, widget=forms.TextInput(TOKEN_ATTRS)
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        held_back = refused_for_now([self.device])  # before this attempt counts
        if not self.device.verify_token(token):
            raise forms.ValidationError(held_back or wrong_code())
        return token


class VerifyForm(forms.Form):
    """A code from the app, or one of the recovery codes (each works once)."""

    token = forms.CharField(
        label=_("Code from your app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(TOKEN_ATTRS),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        held_back = refused_for_now(devices_for_user(self.user))  # before this attempt counts
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(held_back or wrong_code())
        return token
