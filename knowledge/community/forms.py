"""Forms members and visitors fill in on initiative and city pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..base.spam import BotTrapForm
from ..members.forms import EMAIL_MAX_LENGTH
from ..models import CommentReport, ReplicationInterest

COMMENT_MAX_LENGTH = 3000
MESSAGE_MAX_LENGTH = 5000


class CommentForm(BotTrapForm):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Comments appear after a moderator has read them. Write in any of the six languages."
        ),
    )

    field_order = ["body", "website", "stamp"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Write a comment before sending it."))
        return body


class ReportForm(BotTrapForm):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this comment?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["reason", "details", "website", "stamp"]


class ContactForm(BotTrapForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("The city answers you at this address. No copy of your message is sent to it."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    field_order = ["name", "email", "organisation", "subject", "message", "website", "stamp"]

    def __init__(self, *args, member=False, **kwargs):
        super().__init__(*args, **kwargs)
        if member:
            # Members receive a copy at their account's address (see views.contact_city).
            self.fields["email"].help_text = _(
                "The city answers you at this address; a copy of your message goes to the "
                "address of your account."
            )

    def clean_subject(self):
        # The subject goes into an e-mail header, where a line break would start another one.
        subject = self.cleaned_data["subject"]
        if "\r" in subject or "\n" in subject:
            raise forms.ValidationError(_("Write the subject on one line."), code="line-break")
        return subject


class ReplicationForm(BotTrapForm):
    kind = forms.ChoiceField(
        label=_("Your city and this initiative"),
        choices=ReplicationInterest.Kind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("A note for the city that shared it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you did or plan to do; the city's focal points receive it."),
    )

    field_order = ["kind", "note", "website", "stamp"]
