from django import forms
from django.utils.translation import gettext_lazy as _

from django_otp import match_token

TOKEN_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}


def wrong_code():
    return _(
        "That code is not valid. Enter the six digits your app shows now, or one of your "
        "recovery codes."
    )


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
        if not self.device.verify_token(token):
            raise forms.ValidationError(wrong_code())
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
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(wrong_code())
        return token
