"""Forms of certification: the city's answers and evidence, and the review."""

from django import forms
from django.conf import settings
from django.db.models import Case, When
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from knowledge.members.forms import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH
from knowledge.uploads.documents import check_document

from . import independence
from .committee import meeting_problems
from .conf import app_settings
from .models import (
    EVIDENCE_LANGUAGES,
    Assessment,
    Recommendation,
    SelfRating,
    TechnicalReviewer,
    Vote,
)
from .scoring import assessors, language_team


class ApplyForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the application"),
        choices=settings.LANGUAGES,
        help_text=_("Reviewers who work in this language are assigned to it."),
    )


class AnswerForm(forms.Form):
    narrative = forms.CharField(
        label=_("How the city meets this criterion"),
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    self_rating = forms.ChoiceField(
        label=_("Self-rating"),
        choices=[("", "—"), *SelfRating.choices],
        required=False,
    )


class EvidenceForm(forms.Form):
    """One piece of evidence. Left entirely empty, it adds nothing."""

    file = forms.FileField(label=_("File"), required=False)
    data_source = forms.CharField(
        label=_("Data source"),
        max_length=500,
        required=False,
        help_text=_("Where the data comes from: an office, a survey, a link."),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=100,
        required=False,
        help_text=_("The years or dates the evidence covers, e.g. 2019–2023."),
    )
    language = forms.ChoiceField(
        label=_("Language of the evidence"),
        choices=[("", "—"), *EVIDENCE_LANGUAGES],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s, at most %(limit)s.") % {
            "types": ", ".join(app_settings.EVIDENCE_EXTENSIONS),
            "limit": filesizeformat(app_settings.EVIDENCE_MAX_UPLOAD_SIZE),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document(
                upload,
                allowed=app_settings.EVIDENCE_EXTENSIONS,
                limit=app_settings.EVIDENCE_MAX_UPLOAD_SIZE,
            )
        return upload

    @property
    def is_empty(self):
        return not any(self.cleaned_data.get(name) for name in ("file", "data_source", "period"))

    def clean(self):
        cleaned_data = super().clean()
        if self.errors or self.is_empty:
            return cleaned_data
        if not cleaned_data.get("file") and not cleaned_data.get("data_source"):
            self.add_error("file", _("Attach a file or give a data source."))
        if not cleaned_data.get("language"):
            self.add_error("language", _("Say which language the evidence is in."))
        return cleaned_data


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        languages = dict(settings.LANGUAGES)
        names = ", ".join(str(languages.get(code, code)) for code in obj.languages)
        return f"{obj} ({names})"


class AssignForm(forms.Form):
    reviewer = ReviewerChoiceField(label=_("Reviewer"), queryset=TechnicalReviewer.objects.none())

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        assigned = application.assignments.values("reviewer_id")
        # The second assessor from another UN language team where one is free: those are
        # offered first.
        teams = {
            language_team(reviewer)
            for reviewer in TechnicalReviewer.objects.filter(
                user_id__in=[a.reviewer_id for a in assessors(application)]
            )
        }
        candidates = sorted(
            (
                reviewer
                for reviewer in TechnicalReviewer.objects.filter(active=True, user__is_active=True)
                .exclude(user_id__in=assigned)
                .exclude(user_id__in=independence.conflicted_user_ids(application))
                .select_related("user")
                if application.language in reviewer.languages
            ),
            key=lambda reviewer: (language_team(reviewer) in teams, str(reviewer)),
        )
        order = Case(
            *(When(pk=reviewer.pk, then=position) for position, reviewer in enumerate(candidates)),
            default=len(candidates),
        )
        self.fields["reviewer"].queryset = (
            TechnicalReviewer.objects.filter(pk__in=[r.pk for r in candidates])
            .select_related("user")
            .order_by(order)
        )
        self.fields["reviewer"].help_text = _(
            "Reviewers who work in the language of the application, without a registered "
            "conflict of interest with its city or country. Those of another language team "
            "than the assessor already assigned come first."
        )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the appeal"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the committee should reconsider. You then add the new evidence and submit the "
            "application again; two other reviewers review it."
        ),
    )


class RecommendationForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why: shown to the committee with the stage report."),
    )


class UnassignForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the application's history and sent to the reviewer."),
        error_messages={"required": _("Give the reason.")},
    )


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this city or application?"),
        choices=[("no", _("No, I have no conflict of interest")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("If yes: what links you to the city or its application."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("has_conflict") and not cleaned_data.get("details", "").strip():
            self.add_error("details", _("Describe the conflict of interest."))
        return cleaned_data


class AssessmentForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[("", "—"), *Assessment.Result.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("comment") and not cleaned_data.get("result"):
            self.add_error("result", _("Choose a result for this criterion."))
        return cleaned_data


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Certifying body"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    spot_check_share = forms.DecimalField(
        label=_("Share of applications spot-checked"),
        min_value=0,
        max_value=1,
        decimal_places=2,
        help_text=_("Between 0 and 1: 0.25 checks one application in four."),
    )
    applications = forms.ModelMultipleChoiceField(
        label=_("Agenda"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Reviewed applications waiting for a decision."),
    )

    def __init__(self, *args, bodies, members, applications, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["applications"].queryset = applications
        self.fields["applications"].label_from_instance = lambda a: labels.get(a.pk, str(a))
        self.fields["spot_check_share"].initial = app_settings.SPOT_CHECK_SHARE

    def clean(self):
        cleaned_data = super().clean()
        body, chosen = cleaned_data.get("body"), cleaned_data.get("applications") or []
        key = body.translation_key if body is not None else None
        stray = [a for a in chosen if a.certifying_body.translation_key != key]
        if body is not None and stray:
            self.add_error(
                "applications", _("Choose applications addressed to this certifying body.")
            )
        if body is not None and "members" in cleaned_data:
            for problem in meeting_problems(body, list(cleaned_data["members"]), chosen):
                self.add_error(None, problem)
        return cleaned_data


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DecisionForm(forms.Form):
    """The decision the votes make is recorded with the committee's rationale."""

    rationale = forms.CharField(
        label=_("Rationale"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    spot_check_notes = forms.CharField(
        label=_("Findings of the spot check"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if not item.spot_check:
            del self.fields["spot_check_notes"]

    def clean(self):
        cleaned_data = super().clean()
        if self.item.spot_check and not cleaned_data.get("spot_check_notes", "").strip():
            self.add_error(
                "spot_check_notes", _("Record the findings of the spot check before deciding.")
            )
        return cleaned_data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public verification page."),
    )


class WorkbookForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled-in workbook"), help_text=_("The .xlsx file downloaded from this page.")
    )
