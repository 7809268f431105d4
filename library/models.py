"""Publications and tools: LibraryIndexPage (one per language, /<lang>/library/) → LibraryItemPage.

The library takes in what used to be the certification "tools and resources": an item may name
the certification criteria it helps with (`criterion_codes`), and stage reports link each gap to
the items of its criteria and themes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from knowledge.base.http import refused_if_notice
from knowledge.base.serializers import SDGsField, ThemesField, TranslationsField
from knowledge.models import LocalizedTaxonomyMixin, SustainableDevelopmentGoal, Theme

from .choices import ItemKind
from .fields import LanguageCodesField, language_name
from .listing import library_listing
from .serializers import CriteriaField, DocumentField, LanguagesField

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]


__all__ = ["ItemKind", "LibraryIndexPage", "LibraryItemPage"]


class LibraryItemQuerySet(PageQuerySet):
    def with_card_data(self):
        """What an item card shows, in a fixed number of queries for any length."""
        return self.select_related("locale", "document").prefetch_related("sdgs", "themes")


class LibraryItemPage(LocalizedTaxonomyMixin, Page):
    """A publication or tool.

    Translated: title, publisher, abstract. Synchronised: code, kind, year, languages, document,
    link, SDGs, themes, criteria.
    """

    code = models.SlugField(
        _("code"),
        max_length=80,
        blank=True,
        help_text=_(
            "A short identifier that does not change with language, e.g. urban-monitoring."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    languages = LanguageCodesField(
        _("languages available"), help_text=_("The languages the work itself is available in.")
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    abstract = RichTextField(_("abstract"), blank=True, features=RICH_TEXT_FEATURES)
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("SDGs"), related_name="+", blank=True
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="+", blank=True)
    criterion_codes = models.CharField(
        _("certification criteria"),
        max_length=255,
        blank=True,
        help_text=_("Codes of the criteria it helps with, separated by commas, e.g. Q1, P2."),
    )

    objects = PageManager.from_queryset(LibraryItemQuerySet)()

    override_translatable_fields = [
        SynchronizedField("code", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("year", overridable=False),
        SynchronizedField("languages", overridable=False),
        SynchronizedField("document"),
        SynchronizedField("link"),
        SynchronizedField("sdgs", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("criterion_codes", overridable=False),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
                FieldPanel("publisher"),
                FieldPanel("languages"),
                FieldPanel("code"),
            ],
            heading=_("The work"),
        ),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("link")],
            heading=_("Where to find it"),
            help_text=_("Give a document, a link, or both."),
        ),
        FieldPanel("abstract"),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("criterion_codes"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("publisher", boost=2),
        index.SearchField("abstract"),
        index.AutocompleteField("publisher"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("code"),
    ]

    api_fields = [
        APIField("code"),
        APIField("kind"),
        APIField("publisher"),
        APIField("year"),
        APIField("languages", serializer=LanguagesField()),
        APIField("document", serializer=DocumentField()),
        APIField("link"),
        APIField("abstract"),
        APIField("sdgs", serializer=SDGsField()),
        APIField("themes", serializer=ThemesField()),
        APIField("criteria", serializer=CriteriaField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def cache_tags(self):
        """Nothing but itself (knowledge.base.cache_tags): other publications keep it cached."""
        return []

    def clean(self):
        super().clean()
        if not self.document_id and not self.link:
            message = _("Give a document or a link: readers must be able to reach the work.")
            raise ValidationError({"document": message, "link": message})

    @property
    def criteria(self):
        return [code.strip() for code in self.criterion_codes.split(",") if code.strip()]

    @property
    def theme_codes(self):
        return [theme.code for theme in self.themes.all()]

    @property
    def url_of_work(self):
        """Where the work is read: its document, else its link."""
        return self.document.url if self.document_id else self.link

    def language_pairs(self):
        """[(code, name)] of the languages the work is available in."""
        return [(code, language_name(code)) for code in self.languages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = self.localized_sdgs(request)
        context["themes"] = self.localized_themes(request)
        return context


class LibraryIndexPage(Page):
    """The library in one language: items filterable by kind, SDG, theme, language, year.

    Translated: title, intro.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["library.LibraryItemPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index page")
        verbose_name_plural = _("library index pages")

    def items(self):
        return LibraryItemPage.objects.live().public().filter(locale_id=self.locale_id)

    def serve(self, request, *args, **kwargs):
        return refused_if_notice(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(request, self))
        return context
