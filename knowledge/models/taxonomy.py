"""SDGs, their targets and themes: translatable snippets, one row per language.

Rows of different languages share a language-independent key (the goal `number`, the target
`code`, the theme `code`). Pages relate to rows of any language and resolve the row of their own
language by that key when they are shown (see knowledge.localized), because wagtail-localize
copies many-to-many relations to translations unchanged.

Each row has Wagtail's draft state, revisions and workflows: a translation is saved as a draft
and goes live when the "Translation review" workflow approves it (knowledge.languages.review).
Only live rows are shown; a language whose row is not live shows the default language's.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

HEX_COLOUR = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as #RRGGBB."))
TARGET_CODE = RegexValidator(
    r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$", _("Enter a target code such as 11.1 or 11.a.")
)


def target_sort_key(code):
    """11.2 → 11002, 11.10 → 11010, 11.a → 11101: numbers first, then letters."""
    goal, target = code.split(".")
    position = int(target) if target.isdigit() else 100 + ord(target) - ord("a") + 1
    return int(goal) * 1000 + position


class SustainableDevelopmentGoal(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """One of the 17 goals in one language. Translated: the titles; synchronised: number, colour."""

    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(_("short title"), max_length=100)
    title = models.CharField(_("full title"), max_length=300)
    color = models.CharField(_("colour"), max_length=7, validators=[HEX_COLOUR])

    override_translatable_fields = [
        SynchronizedField("number", overridable=False),
        SynchronizedField("color", overridable=False),
    ]

    panels = [
        FieldPanel("number"),
        FieldPanel("short_title"),
        FieldPanel("title"),
        FieldPanel("color"),
    ]

    search_fields = [
        index.SearchField("short_title", boost=2),
        index.SearchField("title"),
        index.AutocompleteField("short_title"),
        index.FilterField("number"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_goal_per_locale"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_title}"


class SDGTarget(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """One of the 169 targets, in one language. Translated: the text; synchronised: the code."""

    goal = models.ForeignKey(
        SustainableDevelopmentGoal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    code = models.CharField(_("code"), max_length=5, validators=[TARGET_CODE])
    text = models.TextField(_("text"))
    # Orders 11.2 before 11.10 and the numbered targets before the lettered ones.
    sort_order = models.PositiveIntegerField(_("sort order"), default=0, editable=False)

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
    ]

    panels = [
        FieldPanel("goal"),
        FieldPanel("code"),
        FieldPanel("text"),
    ]

    search_fields = [
        index.SearchField("code", boost=2),
        index.SearchField("text"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_target_per_locale"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.sort_order = target_sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def goal_number(self):
        return int(self.code.split(".")[0])


class Theme(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A thematic area (housing, transport…). Editors can add themes; `code` is the same in every
    language and is what the API and filters use."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("Short identifier used in addresses and the API, e.g. water-sanitation."),
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
    ]

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_theme_per_locale"),
        ]

    def __str__(self):
        return self.title
