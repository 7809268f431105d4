"""The SDG and theme endpoints of the API v2: each taxonomy in the requested language, a row
addressed by its key (goal number, theme code), the same in every language."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from api.base import FindByIdMixin, OrderingFilter, Pagination, requested_locale

from ..base.serializers import LocaleCodeField
from ..models import SustainableDevelopmentGoal, Theme
from ..models.localized import taxonomy_keys


class _TaxonomyViewSet(FindByIdMixin, BaseAPIViewSet):
    """A localised list of one taxonomy: ?locale= chooses the language (English by default).

    A row's address carries its key, the same in every language (`/api/v2/sdgs/11/` is goal 11,
    `/api/v2/themes/transport/` the theme transport), not the row's id.
    """

    filter_backends = [FieldsFilter, OrderingFilter]
    pagination_class = Pagination
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])
    lookup_url_kwarg = "pk"
    key_converter = "int"

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            # Not Django's "No <model> matches the given query.": the reader's language.
            raise Http404(_("Nothing was found at this address.")) from None

    def get_queryset(self):
        locale = requested_locale(self.request) or Locale.get_default()
        return self.model.objects.filter(locale=locale, live=True).select_related("locale")

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            # Before the detail: "find" is also a slug.
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            path(f"<{cls.key_converter}:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        key = taxonomy_keys(model, cls.lookup_field).get(pk)
        return super().get_object_detail_urlpath(model, key, namespace) if key else None


class SDGsAPIViewSet(_TaxonomyViewSet):
    model = SustainableDevelopmentGoal
    name = "sdgs"
    lookup_field = "number"
    body_fields = BaseAPIViewSet.body_fields + ["number", "short_title", "title", "color"]
    meta_fields = BaseAPIViewSet.meta_fields + [APIField("locale", serializer=LocaleCodeField())]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "number",
        "short_title",
        "title",
        "color",
        "locale",
    ]
    nested_default_fields = listing_default_fields

    def get_queryset(self):
        return super().get_queryset().order_by("number")


class ThemesAPIViewSet(_TaxonomyViewSet):
    model = Theme
    name = "themes"
    lookup_field = "code"
    key_converter = "slug"
    body_fields = BaseAPIViewSet.body_fields + ["code", "title", "description"]
    meta_fields = BaseAPIViewSet.meta_fields + [APIField("locale", serializer=LocaleCodeField())]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "code",
        "title",
        "description",
        "locale",
    ]
    nested_default_fields = listing_default_fields

    def get_queryset(self):
        return super().get_queryset().order_by("title", "pk")
