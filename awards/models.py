"""Award programmes (translatable snippets), their yearly cycles, the nominations of existing
initiatives by their cities' members, and the jury's scores.

A nomination points at the initiative page chosen and keeps the language-independent keys of
the initiative and of its city (translation keys), so that results show on every language
version and the API filters by the id of a page in any language.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

CRITERIA = ("impact", "replicability", "sdg_alignment")


class AwardProgramme(TranslatableMixin, models.Model):
    """An award programme, such as the SDG City Award: one row per language."""

    code = models.SlugField(
        _("code"), max_length=80, help_text=_("In the address of its pages, e.g. sdg-city-award.")
    )
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("code", overridable=False)]
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("organiser"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_programme_per_locale"),
        ]

    def __str__(self):
        return self.name

    def localized_in(self, locale):
        if self.locale_id == locale.pk:
            return self
        return self.get_translation_or_none(locale) or self


class AwardCycleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AwardCycle.Status.DECIDED, results_published=True)


class AwardCycle(models.Model):
    """One year of a programme: the call for nominations, the jury's work, the decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for nominations")
        JUDGING = "judging", _("Jury at work")
        DECIDED = "decided", _("Decided")

    programme = models.ForeignKey(
        AwardProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="cycles",
        help_text=_("Any language version of the programme: the cycle belongs to them all."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    opens_on = models.DateField(_("call opens"))
    closes_on = models.DateField(_("call closes"))
    decision_on = models.DateField(_("jury decision"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jury"),
        blank=True,
        related_name="award_cycles_judged",
        help_text=_("The people who score this cycle's nominations (in the awards jury group)."),
    )
    results_published = models.BooleanField(
        _("results published"),
        default=False,
        help_text=_("Finalists and winners appear on the site and in the API."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = AwardCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        ordering = ["-year", "programme_id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_cycle_per_year"),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}"

    def save(self, *args, **kwargs):
        if self.results_published and self.published_at is None:
            self.published_at = timezone.now()
        if not self.results_published:
            self.published_at = None
        super().save(*args, **kwargs)

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The call closes before it opens.")})
        if self.closes_on and self.decision_on and self.decision_on < self.closes_on:
            raise ValidationError({"decision_on": _("The decision is before the call closes.")})
        if self.results_published and self.status != self.Status.DECIDED:
            raise ValidationError(
                {"results_published": _("Results can be published once the cycle is decided.")}
            )

    def accepts_nominations(self, day=None):
        day = day or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= day <= self.closes_on

    @property
    def results_public(self):
        return self.status == self.Status.DECIDED and self.results_published


class Rank(models.TextChoices):
    FINALIST = "finalist", _("Finalist")
    WINNER = "winner", _("Winner")


class Nomination(models.Model):
    """A city's nomination of one of its live initiatives for a cycle, with its statement."""

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="nominations"
    )
    initiative = models.ForeignKey(
        "knowledge.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    initiative_key = models.UUIDField(_("initiative"), editable=False, db_index=True)
    city_key = models.UUIDField(_("city"), editable=False, db_index=True)
    statement = models.TextField(
        _("statement"), max_length=3000, help_text=_("Why this initiative deserves the award.")
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    rank = models.CharField(_("result"), max_length=20, choices=Rank.choices, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["cycle_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "initiative_key"], name="one_nomination_per_initiative"
            ),
        ]

    def __str__(self):
        return f"{self.initiative.title} ({self.cycle})"

    def save(self, *args, **kwargs):
        self.initiative_key = self.initiative.translation_key
        self.city_key = self.initiative.city.translation_key
        super().save(*args, **kwargs)


class Score(models.Model):
    """One juror's scores of one nomination on the three criteria, 1 to 5, with a comment."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="scores"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juror"),
        on_delete=models.CASCADE,
        related_name="award_scores",
        editable=False,
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    replicability = models.PositiveSmallIntegerField(
        _("replicability"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    sdg_alignment = models.PositiveSmallIntegerField(
        _("SDG alignment"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["nomination_id", "juror_id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "juror"], name="one_score_per_juror"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"score_{name}_1_to_5",
                )
                for name in CRITERIA
            ],
        ]

    def __str__(self):
        return f"{self.nomination} — {self.juror}"

    @property
    def total(self):
        return sum(getattr(self, name) for name in CRITERIA)
