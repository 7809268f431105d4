"""Forms built from the awards models: a member's nomination, a juror's score, a cycle."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from knowledge.models import InitiativePage

from . import permissions
from .models import AwardCycle, AwardProgramme, Nomination, Score
from .setup import JURY


def city_initiatives(city_key, locale):
    """The city's live, public initiatives, each once: in `locale` where translated."""
    pages = (
        InitiativePage.objects.live()
        .public()
        .filter(city__translation_key=city_key)
        .only("pk", "title", "translation_key", "locale_id")
        .order_by("title")
    )
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale_id == locale.pk:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


class NominationForm(forms.ModelForm):
    """The initiative is chosen from the city's own live initiatives, never typed in."""

    class Meta:
        model = Nomination
        fields = ["initiative", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, cycle, city_key, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        choices = city_initiatives(city_key, locale)
        field = self.fields["initiative"]
        field.queryset = InitiativePage.objects.filter(pk__in=[page.pk for page in choices])
        field.choices = [("", "---------"), *[(page.pk, page.title) for page in choices]]
        field.empty_label = None
        field.error_messages["invalid_choice"] = _(
            "Choose one of your city's published initiatives."
        )
        self.fields["statement"].label = _("Why does it deserve the award?")

    def clean(self):
        cleaned = super().clean()
        if not self.cycle.accepts_nominations():
            raise ValidationError(_("Nominations for this cycle are closed."), code="closed")
        initiative = cleaned.get("initiative")
        if (
            initiative is not None
            and Nomination.objects.filter(
                cycle=self.cycle, initiative_key=initiative.translation_key
            ).exists()
        ):
            raise ValidationError(
                _("This initiative is already nominated for this cycle."), code="duplicate"
            )
        return cleaned


class ScoreForm(WagtailAdminModelForm):
    """A juror's score: only nominations of cycles they judge now, and none of a city they have
    a conflict of interest with."""

    class Meta:
        model = Score
        fields = ["nomination", "impact", "replicability", "sdg_alignment", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields["nomination"]
        if self.instance.pk:
            field.disabled = True
            field.queryset = Nomination.objects.filter(pk=self.instance.nomination_id)
        else:
            field.queryset = (
                Nomination.objects.filter(cycle__status=AwardCycle.Status.JUDGING, cycle__jury=user)
                .exclude(scores__juror=user)
                .select_related("initiative", "cycle__programme")
            )

    def clean(self):
        cleaned = super().clean()
        nomination = cleaned.get("nomination")
        if nomination is None:
            return cleaned
        user = self.for_user
        if permissions.conflicted(user, nomination):
            raise ValidationError(
                _(
                    "You have a declared conflict of interest with this nomination's city: "
                    "you cannot score it."
                ),
                code="conflict",
            )
        if not permissions.may_score(user, nomination):
            raise ValidationError(
                _("Only the cycle's jury can score its nominations while the jury is at work."),
                code="not_juror",
            )
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.juror = self.for_user
        return super().save(commit=commit)


class CycleForm(WagtailAdminModelForm):
    class Meta:
        model = AwardCycle
        fields = [
            "programme",
            "year",
            "opens_on",
            "closes_on",
            "decision_on",
            "status",
            "jury",
            "results_published",
        ]
        widgets = {"jury": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = AwardProgramme.objects.filter(
            locale=Locale.get_default()
        )
        self.fields["jury"].queryset = get_user_model().objects.filter(groups__role__role=JURY)


class RankForm(WagtailAdminModelForm):
    class Meta:
        model = Nomination
        fields = ["rank"]
