"""What cities are certified against: stages with their criteria, certifying bodies, the tools
library, and the frozen versions of each stage's criteria that applications are made against.

Stages, criteria, bodies and tools are translatable snippets: one row per language, sharing a
translation_key and language-independent codes (synchronised by wagtail-localize).
"""

import hashlib
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries.fields import CountryField

from knowledge.models import Theme


def _codes(value):
    return [code.strip() for code in (value or "").split(",") if code.strip()]


def validate_theme_codes(value):
    known = set(Theme.objects.values_list("code", flat=True))
    unknown = [code for code in _codes(value) if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown theme codes: %(codes)s. Known codes: %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(sorted(known))}
        )


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("A document (plan, report, decision)")
    DATA = "data", _("Data, with its source")
    STATEMENT = "statement", _("A public statement or commitment (a file or a link)")


class CertificationStage(TranslatableMixin, ClusterableModel):
    """A stage of certification: what a city has done (`name`), apart from the programme's
    label for it (silver, gold…), which the secretariat can change."""

    code = models.SlugField(_("code"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("1 is the first stage."))
    name = models.CharField(_("name"), max_length=200)
    label = models.CharField(_("label"), max_length=50, help_text=_("For example: Silver."))
    summary = models.TextField(_("summary"), blank=True)

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("order", overridable=False),
    ]

    panels = [
        FieldPanel("code"),
        FieldPanel("order"),
        FieldPanel("name"),
        FieldPanel("label"),
        FieldPanel("summary"),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certification stage")
        verbose_name_plural = _("certification stages")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_stage_per_locale"),
        ]

    def __str__(self):
        return f"{self.name} ({self.label})"


class Criterion(TranslatableMixin, Orderable):
    stage = ParentalKey(CertificationStage, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=10, help_text=_("For example: Q1."))
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=True)
    evidence_kind = models.CharField(
        _("kind of evidence"),
        max_length=20,
        choices=EvidenceKind.choices,
        default=EvidenceKind.DOCUMENT,
    )
    theme_codes = models.CharField(
        _("themes"),
        max_length=255,
        blank=True,
        validators=[validate_theme_codes],
        help_text=_("Theme codes separated by commas, e.g. governance, urban-planning."),
    )
    keywords = models.CharField(
        _("search words"),
        max_length=255,
        blank=True,
        help_text=_("Words that find initiatives and tools addressing this criterion."),
    )

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("evidence_required", overridable=False),
        SynchronizedField("evidence_kind", overridable=False),
        SynchronizedField("theme_codes", overridable=False),
    ]

    panels = [
        FieldPanel("code"),
        FieldPanel("text"),
        FieldPanel("guidance"),
        FieldPanel("evidence_required"),
        FieldPanel("evidence_kind"),
        FieldPanel("theme_codes"),
        FieldPanel("keywords"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"


class CertifyingBody(TranslatableMixin, models.Model):
    class Kind(models.TextChoices):
        GLOBAL = "global", _("Global certification committee")
        NATIONAL = "national", _("National certification mechanism")

    code = models.SlugField(_("code"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("For national mechanisms."))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Members, quorum and stages are the body's, whatever the language: they are read from the
    # row in the default language (`source`).
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="certifying_bodies",
        help_text=_("Who may sit and vote in its meetings. Set on the default language."),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Votes needed on an agenda item (abstentions count) before its decision is recorded."
        ),
    )
    stage_codes = models.CharField(
        _("stages it may certify"),
        max_length=255,
        blank=True,
        help_text=_("Codes of the stages, separated by commas; empty: every stage."),
    )

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("country", overridable=False),
        SynchronizedField("quorum", overridable=False),
        SynchronizedField("stage_codes", overridable=False),
    ]

    panels = [
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
        FieldPanel("quorum"),
        FieldPanel("stage_codes"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certifying body")
        verbose_name_plural = _("certifying bodies")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_body_per_locale"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.NATIONAL and not self.country:
            raise ValidationError({"country": _("A national mechanism belongs to a country.")})

    @property
    def source(self):
        """The body in the default language, which holds its members, quorum and stages."""
        if self.locale_id == Locale.get_default().pk:
            return self
        return (
            CertifyingBody.objects.filter(
                translation_key=self.translation_key, locale=Locale.get_default()
            ).first()
            or self
        )

    @property
    def certified_stages(self):
        """The stage codes it may certify; an empty set means every stage."""
        return {code.strip() for code in self.source.stage_codes.split(",") if code.strip()}

    def may_certify(self, stage_code):
        stages = self.certified_stages
        return not stages or stage_code in stages


class Tool(TranslatableMixin, index.Indexed, models.Model):
    """A tool or resource that helps cities close gaps: linked to criteria and themes by code."""

    class Kind(models.TextChoices):
        TOOL = "tool", _("Assessment or planning tool")
        GUIDE = "guide", _("Guide")
        DATA = "data", _("Data and indicators")
        TRAINING = "training", _("Training and learning")

    code = models.SlugField(_("code"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOOL)
    title = models.CharField(_("title"), max_length=255)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)
    theme_codes = models.CharField(
        _("themes"),
        max_length=255,
        blank=True,
        validators=[validate_theme_codes],
        help_text=_("Theme codes separated by commas, e.g. governance, urban-planning."),
    )
    criterion_codes = models.CharField(
        _("criteria"),
        max_length=255,
        blank=True,
        help_text=_("Codes of the criteria it helps with, separated by commas, e.g. Q1, P2."),
    )

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("url"),
        SynchronizedField("theme_codes", overridable=False),
        SynchronizedField("criterion_codes", overridable=False),
    ]

    panels = [
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("theme_codes"),
        FieldPanel("criterion_codes"),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.SearchField("publisher"),
        index.FilterField("locale"),
        index.FilterField("id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tool")
        verbose_name_plural = _("tools and resources")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_tool_per_locale"),
        ]

    def __str__(self):
        return self.title

    @property
    def themes(self):
        return _codes(self.theme_codes)

    @property
    def criteria(self):
        return _codes(self.criterion_codes)


class CriteriaVersion(models.Model):
    """The criteria of a stage as they stood when an application was started, in every language.

    A new version is recorded whenever the criteria (in any language) differ from the latest
    one; applications keep the version they were made against.
    """

    stage_key = models.UUIDField(_("stage"))
    stage_code = models.SlugField(_("stage code"), max_length=50)
    number = models.PositiveIntegerField(_("version"))
    fingerprint = models.CharField(max_length=64)
    criteria = models.JSONField(_("criteria"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("criteria version")
        verbose_name_plural = _("criteria versions")
        ordering = ["stage_code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["stage_key", "number"], name="unique_criteria_version")
        ]

    def __str__(self):
        return f"{self.stage_code} v{self.number}"

    def criteria_in(self, language_code):
        """The criteria as dicts (code, text, guidance, keywords, evidence rules), in
        `language_code` where translated, else in the default language."""
        fallback = settings.LANGUAGE_CODE
        result = []
        for item in self.criteria:
            texts = item["texts"].get(language_code) or item["texts"].get(fallback)
            if texts is None:
                texts = next(iter(item["texts"].values()))
            entry = {**{k: v for k, v in item.items() if k != "texts"}, **texts}
            entry["evidence_kind_label"] = EvidenceKind(item["evidence_kind"]).label
            result.append(entry)
        return result

    def criterion(self, code, language_code):
        return next((c for c in self.criteria_in(language_code) if c["code"] == code), None)

    @property
    def codes(self):
        return [item["code"] for item in self.criteria]


def criteria_snapshot(stage):
    """The criteria of `stage` in every language, in the shape CriteriaVersion stores."""
    rows = Criterion.objects.filter(stage__translation_key=stage.translation_key).select_related(
        "locale", "stage"
    )
    source = [row for row in rows if row.stage_id == stage.pk]
    by_key = {}
    for row in rows:
        by_key.setdefault(row.translation_key, {})[row.locale.language_code] = {
            "text": row.text,
            "guidance": row.guidance,
            "keywords": row.keywords,
        }
    return [
        {
            "code": row.code,
            "evidence_required": row.evidence_required,
            "evidence_kind": row.evidence_kind,
            "themes": _codes(row.theme_codes),
            "texts": by_key[row.translation_key],
        }
        for row in sorted(source, key=lambda r: (r.sort_order or 0, r.code))
    ]


def current_criteria_version(stage):
    """The latest CriteriaVersion of `stage`, recorded first if the criteria changed since."""
    snapshot = criteria_snapshot(stage)
    fingerprint = hashlib.sha256(
        json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    latest = CriteriaVersion.objects.filter(stage_key=stage.translation_key).first()
    if latest is not None and latest.fingerprint == fingerprint:
        return latest
    return CriteriaVersion.objects.create(
        stage_key=stage.translation_key,
        stage_code=stage.code,
        number=(latest.number + 1) if latest else 1,
        fingerprint=fingerprint,
        criteria=snapshot,
    )
