"""Initiatives and the searchable database of them.

An InitiativePage lives under the CityPage of its city, so that Wagtail's page permissions can
say "a city edits only its own initiatives". It carries the sections of the upload form of the
background paper, in its order.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..base.page_forms import TaxonomyPageForm
from ..base.serializers import (
    CityField,
    ContactField,
    ReplicationField,
    SDGsField,
    TargetsField,
    ThemesField,
    TranslationsField,
    image_api_fields,
)
from ..blocks import MediaBlock
from ..permissions import KnowledgePagePermissionsMixin
from .cities import CityPage
from .interaction import replication_counts
from .localized import LocalizedTaxonomyMixin, load_relations
from .taxonomy import SDGTarget, SustainableDevelopmentGoal, Theme

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]
YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]
# Longest text of a section (counted without its tags) and of a short text: checked by the forms
# made from these fields (the admin's and My City's); the columns have no limit of their own.
SECTION_MAX_LENGTH = 20_000
TEXT_MAX_LENGTH = 5_000


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


CARD_IMAGE = "fill-480x270"


class InitiativePageQuerySet(PageQuerySet):
    def with_card_data(self):
        """Load what an initiative card shows, in a fixed number of queries for any length."""
        images = get_image_model().objects.prefetch_renditions(CARD_IMAGE)
        return self.select_related("city", "locale").prefetch_related(
            "sdgs", "themes", Prefetch("image", queryset=images)
        )


class InitiativePage(KnowledgePagePermissionsMixin, LocalizedTaxonomyMixin, Page):
    """A policy or initiative shared by a city.

    Translated: title, summary, the text sections, implementing agencies, partners, the contact's
    role and the media captions. Synchronised from the source: SDGs, targets, themes, years,
    status, image, the policy link and the contact's name, e-mail and phone.
    """

    # Summary, themes and goals may be empty in a draft; they are required to publish or to
    # submit for moderation (see TaxonomyPageForm and the My City form, knowledge.members.forms).
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("An introductory overview of the policy or initiative."),
    )
    background = RichTextField(
        _("background, challenges and objectives"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=SECTION_MAX_LENGTH,
        help_text=_(
            "The context of the city and the main challenges that led to the policy or "
            "initiative, and what it set out to achieve."
        ),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        related_name="initiatives",
        blank=True,
        help_text=_("The thematic areas the policy or initiative relates to."),
    )
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("SDGs"),
        related_name="initiatives",
        blank=True,
        help_text=_("The goals the policy or initiative works towards."),
    )
    targets = ParentalManyToManyField(
        SDGTarget,
        verbose_name=_("SDG targets"),
        related_name="initiatives",
        blank=True,
        help_text=_("Optional: the targets of the chosen goals it addresses."),
    )
    actions = RichTextField(
        _("actions and implementation"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=SECTION_MAX_LENGTH,
        help_text=_(
            "How it was implemented: the key stages and steps, and any community engagement."
        ),
    )
    impacts = RichTextField(
        _("impacts and replication"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=SECTION_MAX_LENGTH,
        help_text=_(
            "Its results, the conditions and factors of its success, and the risks others "
            "should consider before replicating it."
        ),
    )
    budget = RichTextField(
        _("budget and resources"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        max_length=SECTION_MAX_LENGTH,
        help_text=_(
            "The financing, data, human, technical and other resources mobilised, internal and "
            "external, and any coordination across departments."
        ),
    )
    policy_url = models.URLField(_("link to the policy or initiative"), blank=True, max_length=500)
    media = StreamField(
        MediaBlock(),
        verbose_name=_("further information and media"),
        blank=True,
        help_text=_("Images, videos, background papers and links."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ONGOING,
    )
    implementing_agencies = models.TextField(
        _("implementing agencies"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("One per line."),
    )
    partners = models.TextField(
        _("partners"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("One per line.")
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_("Shown only to signed-in members."),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=50,
        blank=True,
        help_text=_("Shown only to signed-in members."),
    )
    # The city page this initiative sits under, kept in step by save() and page moves, so that
    # listings and the API can load cities with a join instead of a query per initiative.
    city = models.ForeignKey(
        CityPage,
        verbose_name=_("city"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    override_translatable_fields = [
        SynchronizedField("sdgs", overridable=False),
        SynchronizedField("targets", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("start_year", overridable=False),
        SynchronizedField("end_year", overridable=False),
        SynchronizedField("image"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_phone"),
    ]

    objects = PageManager.from_queryset(InitiativePageQuerySet)()

    base_form_class = TaxonomyPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("background"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("targets"),
        FieldPanel("actions"),
        FieldPanel("impacts"),
        FieldPanel("budget"),
        MultiFieldPanel(
            [FieldPanel("policy_url"), FieldPanel("image"), FieldPanel("media")],
            heading=_("Further information and media"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("status")]
                ),
                FieldPanel("implementing_agencies"),
                FieldPanel("partners"),
            ],
            heading=_("Period, status and partners"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=3),
        index.SearchField("background"),
        index.SearchField("actions"),
        index.SearchField("impacts"),
        index.SearchField("budget"),
        index.SearchField("implementing_agencies"),
        index.SearchField("partners"),
        index.AutocompleteField("summary"),
        index.FilterField("status"),
        index.FilterField("start_year"),
        index.FilterField("city"),
        index.RelatedFields("city", [index.SearchField("title", boost=2)]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("background"),
        APIField("themes", serializer=ThemesField()),
        APIField("sdgs", serializer=SDGsField()),
        APIField("targets", serializer=TargetsField()),
        APIField("actions"),
        APIField("impacts"),
        APIField("budget"),
        APIField("policy_url"),
        APIField("media"),
        *image_api_fields(),
        APIField("start_year"),
        APIField("end_year"),
        APIField("status"),
        APIField("implementing_agencies"),
        APIField("partners"),
        APIField("contact", serializer=ContactField()),
        APIField("city", serializer=CityField()),
        APIField("replication", serializer=ReplicationField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["knowledge.CityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        self.city_id = parent.pk if parent and parent.specific_class is CityPage else None
        return super().save(*args, **kwargs)

    @property
    def implementing_agency_list(self):
        return [line.strip() for line in self.implementing_agencies.splitlines() if line.strip()]

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def replication(self):
        """{"replicated": n, "interested": m}: cities that replicated it, or want to."""
        return replication_counts([self.translation_key])[self.translation_key]

    def cache_tags(self):
        """What its page and API detail show besides itself (knowledge.base.cache_tags): comments
        and replication records of every translation, and a few related initiatives."""
        return [f"interaction-{self.translation_key}", "shows-initiativepage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # a preview's relations are its own
            load_relations([self])
        context["sdgs"] = self.localized_sdgs(request)
        context["targets"] = self.localized_targets(request)
        context["themes"] = self.localized_themes(request)
        # Related initiatives, the sections other apps add (replications, awards) and whether
        # the city can be written to come from the template, together
        # (knowledge_tags.initiative_shared_parts).
        if self.city_id and not InitiativePage.city.is_cached(self):
            # With its language: the structured data names its country in it.
            self.city = CityPage.objects.select_related("locale").filter(pk=self.city_id).first()
        context["city"] = self.city
        context["show_contact_details"] = request.user.is_authenticated
        return context
