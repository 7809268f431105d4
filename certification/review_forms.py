"""Forms of the technical review's rounds: the agreed score of a criterion, and the
clarification questions per criterion with the city's answers."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.members.forms import TEXT_MAX_LENGTH

from .models import Assessment

MAX_CLARIFICATION_DAYS = 90


class ConsensusForm(forms.Form):
    """The agreed score of one criterion; the reason is required where the two assessors'
    scores differ (`differ`)."""

    result = forms.ChoiceField(label=_("Agreed result"), choices=Assessment.Result.choices)
    comment = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the difference between the assessors' scores"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, differ=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.differ = differ
        if not differ:
            del self.fields["reason"]

    def clean(self):
        cleaned_data = super().clean()
        if self.differ and not (cleaned_data.get("reason") or "").strip():
            self.add_error("reason", _("The assessors' scores differ: say why you agreed this."))
        return cleaned_data


class ClarificationForm(forms.Form):
    """A round of questions: one optional question per criterion, and the round's deadline."""

    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = []
        for criterion in criteria:
            code = criterion["code"]
            self.codes.append(code)
            self.fields[f"question_{code}"] = forms.CharField(
                label=_("Question on %(code)s") % {"code": code},
                help_text=criterion["text"],
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        # The deadline last, after the questions.
        self.fields["deadline"] = self.fields.pop("deadline")

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        today = timezone.localdate()
        if deadline <= today:
            raise forms.ValidationError(_("The deadline must be after today."))
        if deadline > today + datetime.timedelta(days=MAX_CLARIFICATION_DAYS):
            raise forms.ValidationError(
                _("The deadline can be at most %(days)s days away.")
                % {"days": MAX_CLARIFICATION_DAYS}
            )
        return deadline

    def clean(self):
        cleaned_data = super().clean()
        if not any((cleaned_data.get(f"question_{code}") or "").strip() for code in self.codes):
            raise forms.ValidationError(_("Ask at least one question on a criterion."))
        return cleaned_data

    @property
    def questions(self):
        return {code: self.cleaned_data.get(f"question_{code}", "") for code in self.codes}


class ResponseForm(forms.Form):
    """The city's answer to each question of the open round."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_ids = []
        for question in questions:
            self.question_ids.append(question.pk)
            label = (
                _("Your answer on %(code)s") % {"code": question.criterion_code}
                if question.criterion_code
                else _("Your answer to the reviewers")
            )
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=label,
                help_text=question.question,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @property
    def answers(self):
        return {pk: self.cleaned_data[f"answer_{pk}"] for pk in self.question_ids}
