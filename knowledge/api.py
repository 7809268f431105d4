"""The knowledge base in the Wagtail API v2: page filters, nested shapes, SDG and theme endpoints.

Shapes (DESIGN.md, "Public contract"):
    "sdgs": [{"number": 11, "short_title": "…", "title": "…", "color": "#FD9D24"}]
    "themes": [{"code": "transport", "title": "…"}]
    "city": {"id": 12, "title": "…", "country": {"code": "KR", "name": "…"}, "region": "…"}
    "translations": {"fr": 45, "ar": 51}
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Locale

from rest_framework.filters import BaseFilterBackend

from .filters import FilterError, InitiativeFilters
from .models import CityPage, InitiativePage, SustainableDevelopmentGoal, Theme
from .serializers import IMAGE_RENDITIONS, LocaleCodeField, load_translations

KNOWLEDGE_PARAMETERS = frozenset(InitiativeFilters.API_PARAMETERS)
CITY_PARAMETERS = frozenset(["country", "region"])
# Names that are filters here, not Wagtail field filters on the model field of the same name.
NOT_FIELD_FILTERS = KNOWLEDGE_PARAMETERS | {"sdgs", "targets", "themes"}


def requested_locale(request):
    """The Locale of ?locale=, or None when absent; a 400 naming the parameter when unknown."""
    code = request.GET.get("locale")
    if code is None:
        return None
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise BadRequestError(
            _("locale: “%(value)s” is not one of the languages: %(codes)s.")
            % {
                "value": code,
                "codes": ", ".join(Locale.objects.values_list("language_code", flat=True)),
            }
        )
    return locale


class ValidatingLocaleFilter(BaseFilterBackend):
    """?locale=fr, answering an unknown language with a 400 rather than Wagtail's 404."""

    def filter_queryset(self, request, queryset, view):
        locale = requested_locale(request)
        if locale is None:
            return queryset
        return queryset.filter(locale=locale)


class KnowledgeFilter(BaseFilterBackend):
    """sdg, target, theme, country, region and city on initiatives; country and region on cities."""

    def filter_queryset(self, request, queryset, view):
        used = KNOWLEDGE_PARAMETERS.intersection(request.GET)
        if not used:
            return queryset
        model = queryset.model
        allowed = {InitiativePage: KNOWLEDGE_PARAMETERS, CityPage: CITY_PARAMETERS}.get(model)
        if not allowed or not used <= allowed:
            name = sorted(used - (allowed or set()))[0]
            raise BadRequestError(
                _("%(name)s: this filter needs type=%(types)s.")
                % {
                    "name": name,
                    "types": " or ".join(
                        label
                        for label, params in (
                            ("knowledge.InitiativePage", KNOWLEDGE_PARAMETERS),
                            ("knowledge.CityPage", CITY_PARAMETERS),
                        )
                        if name in params
                    ),
                }
            )
        try:
            filters = InitiativeFilters.from_query(request.GET, parameters=sorted(used))
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        if model is CityPage:
            if filters.country:
                queryset = queryset.filter(country__in=filters.country)
            if filters.region:
                queryset = queryset.filter(region__in=filters.region)
            return queryset
        return filters.apply(queryset)


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint with the knowledge filters and bulk loading of what they show."""

    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        ValidatingLocaleFilter,
        KnowledgeFilter,
        SearchFilter,  # last: it turns the queryset into search results
    ]
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(
        KNOWLEDGE_PARAMETERS
    )

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            fields = [name for name in fields if name not in NOT_FIELD_FILTERS]
        return fields

    def get_base_queryset(self):
        # Wagtail builds this (view restrictions, site, language roots) for the queryset and
        # again for the serializer context; build it once per request.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        return self.load_related(queryset)

    @staticmethod
    def load_related(queryset):
        """Join or prefetch, per page type, everything its API fields read."""
        queryset = queryset.select_related("locale")
        images = get_image_model().objects.prefetch_renditions(*IMAGE_RENDITIONS)
        if queryset.model is InitiativePage:
            return queryset.select_related("city").prefetch_related(
                "sdgs", "targets", "themes", Prefetch("image", queryset=images)
            )
        if queryset.model is CityPage:
            return queryset.prefetch_related(
                "focal_points", "social_accounts", Prefetch("image", queryset=images)
            )
        return queryset

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = list(self.paginate_queryset(queryset))
        self.translations = load_translations(pages, self.get_base_queryset())
        serializer = self.get_serializer(pages, many=True)
        return self.get_paginated_response(serializer.data)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["translations"] = getattr(self, "translations", None)
        return context


class _TaxonomyViewSet(BaseAPIViewSet):
    """A localised list of one taxonomy: ?locale= chooses the language (English by default)."""

    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])

    def get_queryset(self):
        locale = requested_locale(self.request) or Locale.get_default()
        return self.model.objects.filter(locale=locale).select_related("locale")


class SDGsAPIViewSet(_TaxonomyViewSet):
    model = SustainableDevelopmentGoal
    name = "sdgs"
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
