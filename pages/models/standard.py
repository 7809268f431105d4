"""Standard pages: about, terms, privacy and the like."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from knowledge.base.serializers import TranslationsField

from ..blocks import BodyBlock


class StandardPage(Page):
    """Translated: title, intro, body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]

    def cache_tags(self):
        """Nothing but itself (knowledge.base.cache_tags): other publications keep it cached."""
        return []

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
