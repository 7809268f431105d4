"""Fields and behaviour shared by editorial page types."""

import zoneinfo
from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from knowledge.models import LocalizedTaxonomyMixin, SustainableDevelopmentGoal, Theme

from ..localized import localized_page_map, localized_pages  # noqa: F401 - their home before


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class TimeZoneField(models.CharField):
    """An IANA time zone name such as Asia/Seoul."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("default", "UTC")
        kwargs["choices"] = time_zone_choices
        super().__init__(*args, **kwargs)


class TaggedPage(LocalizedTaxonomyMixin, Page):
    """A page about SDGs and themes, with a summary and an image.

    The relations are synchronised to translations (they may point at the source language's
    rows) and shown in the page's language by the mixin's localized_* methods.
    """

    summary = models.TextField(_("summary"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sdgs = ParentalManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("SDGs"), related_name="+", blank=True
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="+", blank=True)

    override_translatable_fields = [
        SynchronizedField("sdgs", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("image"),
    ]

    class Meta:
        abstract = True
