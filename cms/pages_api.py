"""The site-wide pages endpoint of the API v2: Wagtail's, with each app's page-type filters and bulk
loading (`api.registry`), the platform's keyword search, checked parameters, translation status and
absolute links for partner sites."""

import re
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.api.utils import get_base_url
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageParentField, get_serializer_class
from wagtail.api.v2.serializers import PageSerializer as WagtailPageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from rest_framework.filters import BaseFilterBackend
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

import knowledge.initiatives.api  # noqa: F401 - registers the initiatives' and cities' filters
from api.base import (
    FindByIdMixin,
    OrderingFilter,
    Pagination,
    ReusedFieldsSerializer,
    ReusedSerializersMixin,
    refuse_unknown_parameters,
    requested_locale,
)
from api.registry import PAGE_FILTERS, PAGE_LOADERS, PAGE_PREPARERS, page_filter_parameters
from api.tree import (
    CheckedAncestorOfFilter,
    CheckedChildOfFilter,
    CheckedDescendantOfFilter,
    CheckedTranslationOfFilter,
)
from cms import sites
from knowledge.base import cache_tags, stream_objects
from knowledge.base.serializers import TranslationStatusField, load_translations
from knowledge.languages.state import translation_states
from knowledge.query.keywords import search_pages
from knowledge.query.parameters import FilterError

SEARCH_OPERATORS = ("and", "or")
# Names that are filters here, not Wagtail field filters on the model field of the same name.
NOT_FIELD_FILTERS = frozenset(["sdgs", "targets", "themes"])


class ValidatingLocaleFilter(BaseFilterBackend):
    """?locale=fr, answering an unknown language with a 400 rather than Wagtail's 404."""

    def filter_queryset(self, request, queryset, view):
        locale = requested_locale(request)
        if locale is None:
            return queryset
        return queryset.filter(locale=locale)


class PageTypeFilter(BaseFilterBackend):
    """The filters registered for the requested page type (see register_page_filter)."""

    def filter_queryset(self, request, queryset, view):
        used = page_filter_parameters().intersection(request.GET)
        if not used:
            return queryset
        parameters, apply = PAGE_FILTERS.get(queryset.model, (frozenset(), None))
        unsupported = sorted(used - parameters)
        if unsupported:
            name = unsupported[0]
            types = [
                f"{model._meta.app_label}.{model.__name__}"
                for model, (params, _apply) in PAGE_FILTERS.items()
                if name in params
            ]
            raise BadRequestError(
                _("%(name)s: this filter needs type=%(types)s.")
                % {"name": name, "types": " or ".join(types)}
            )
        try:
            return apply(queryset, request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error


class BoundedSearchFilter(SearchFilter):
    """Wagtail's ?search=, through the platform's one keyword search (knowledge.query.keywords: the
    query cleaned and bounded, Arabic normalised, Chinese found on database backends), with
    ?search_operator= checked (the backend would fail on another value)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("search_operator: “%(value)s” is not one of: %(operators)s.")
                % {"value": operator[:50], "operators": ", ".join(SEARCH_OPERATORS)}
            )
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        try:
            return search_pages(
                queryset,
                request.GET["search"],
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                _("%(name)s: cannot be combined with search (the field is not indexed).")
                % {"name": error.field_name}
            ) from error


def public_pages(request):
    """The live pages a reader of the API may see: Wagtail's get_public_pages_queryset, with
    the roots of the site in every language from the table of sites each process keeps
    (cms.sites) rather than a query on every request."""
    queryset = Page.objects.all().live()
    # Each restricted page's path alone, rather than its whole row: a restricted page and
    # the pages below it are those whose path starts with its own (not_descendant_of).
    for restriction in PageViewRestriction.objects.annotate(page_path=F("page__path")):
        if not restriction.accept_request(request):
            queryset = queryset.exclude(path__startswith=restriction.page_path)
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site is None:
        return queryset.none()
    # The request's site carries its roots (cms.sites); one named by ?site= is looked up.
    paths = getattr(site, "root_paths", None) or sites.root_paths(site.pk)
    if paths is None:
        paths = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return queryset.filter(below)


class LazyTranslationStates:
    """Translation states of a response's pages, loaded together when the first is asked for
    (only if the response includes them)."""

    def __init__(self, pages):
        self.pages = pages
        self.states = None

    def get(self, page_id):
        if self.states is None:
            self.states = translation_states(self.pages)
        return self.states.get(page_id)


# A path in an HTML attribute (not a protocol-relative address).
RELATIVE_URL = re.compile(r'(\b(?:href|src)=")(/(?!/))')
# ?rich_text_format= (Wagtail 8): only HTML. The database formats hold internal references, and
# Wagtail's Markdown links a page in its own language, not the translation in the page's.
RICH_TEXT_FORMATS = ("html",)


def absolute_links(value, base_url):
    """`value` (API data) with the site-relative links and sources of its HTML made absolute."""
    if isinstance(value, str):
        return RELATIVE_URL.sub(lambda match: match.group(1) + base_url + "/", value)
    if isinstance(value, list):
        return [absolute_links(item, base_url) for item in value]
    if isinstance(value, dict):
        return {key: absolute_links(item, base_url) for key, item in value.items()}
    return value


class PageUrlField(PageHtmlUrlField):
    """Wagtail's html_url, made with the request's site root paths (cms.sites) rather than
    with those read from the cache again for each page."""

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class ParentSerializer(ReusedFieldsSerializer, WagtailPageSerializer):
    html_url = PageUrlField(read_only=True)


@cache  # one per page model
def parent_serializer_class(model):
    # The fields and meta fields Wagtail's PageParentField shows.
    fields = ["id", "type", "detail_url", "html_url", "title"]
    return get_serializer_class(
        model, fields, meta_fields=["type", "detail_url", "html_url"], base=ParentSerializer
    )


class VisibleParentField(PageParentField):
    """Wagtail's parent field, which reads the parent and then asks whether the reader may see
    it: the detail view reads it among the visible pages at once (`visible_parent`)."""

    def get_attribute(self, instance):
        if "visible_parent" in instance.__dict__:
            return instance.visible_parent
        return super().get_attribute(instance)

    def to_representation(self, value):
        serializer = parent_serializer_class(type(value))(context=self.context)
        return serializer.to_representation(value)


class PageSerializer(ReusedFieldsSerializer, WagtailPageSerializer):
    translation_status = TranslationStatusField()
    parent = VisibleParentField(read_only=True)
    html_url = PageUrlField(read_only=True)

    def to_representation(self, instance):
        # Rich text is expanded in the active language: with the page's own language active,
        # a link to another page points at that page's translation in the same language.
        # Partner sites get the links absolute.
        with (
            translation.override(instance.locale.language_code),
            stream_objects.use(self.context.get("stream_objects")),
        ):
            data = super().to_representation(instance)
        base_url = get_base_url(self.context["request"]).rstrip("/")
        return absolute_links(data, base_url)


class PagesAPIViewSet(ReusedSerializersMixin, FindByIdMixin, WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint with the page-type filters and bulk loading of what they show."""

    pagination_class = Pagination
    base_serializer_class = PageSerializer
    # Every page says in its meta whether it is a translation, and whether it is up to date.
    meta_fields = WagtailPagesAPIViewSet.meta_fields + ["translation_status"]

    filter_backends = [
        FieldsFilter,
        CheckedChildOfFilter,
        CheckedAncestorOfFilter,
        CheckedDescendantOfFilter,
        OrderingFilter,
        CheckedTranslationOfFilter,
        ValidatingLocaleFilter,
        PageTypeFilter,
        BoundedSearchFilter,  # last: it turns the queryset into search results
    ]

    def check_rich_text_format(self):
        rich_text_format = self.request.GET.get("rich_text_format")
        if rich_text_format is not None and rich_text_format not in RICH_TEXT_FORMATS:
            raise BadRequestError(
                _("rich_text_format: “%(value)s” is not one of: %(formats)s.")
                % {"value": rich_text_format, "formats": ", ".join(RICH_TEXT_FORMATS)}
            )

    def check_query_parameters(self, queryset):
        self.check_rich_text_format()
        # The registry is read per request, so filters registered by other apps count.
        known = WagtailPagesAPIViewSet.known_query_parameters | page_filter_parameters()
        fields = self.get_available_fields(queryset.model, db_fields_only=True)
        refuse_unknown_parameters(self.request, known.union(fields))

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:
            reserved = NOT_FIELD_FILTERS | page_filter_parameters()
            fields = [name for name in fields if name not in reserved]
        return fields

    def get_base_queryset(self):
        # Wagtail builds this (view restrictions, site, language roots) for the queryset and
        # again for the serializer context; build it once per request.
        if not hasattr(self, "_base_queryset"):
            try:
                self._base_queryset = public_pages(self.request)
            except ValueError as error:  # ?site= naming several sites, as Wagtail answers it
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        # With ?locale=, Wagtail's type listing asks for the pages among the visible pages of
        # every language (`pk IN (…)`): asking among the visible pages of that language lets
        # the database read one language's rows instead of every language's.
        try:
            locale = requested_locale(self.request)
        except BadRequestError:
            locale = None  # refused with its message by ValidatingLocaleFilter
        if locale is None:
            return self.load_related(super().get_queryset())
        base = self.get_base_queryset()
        self._base_queryset = base.filter(locale=locale)
        try:
            queryset = super().get_queryset()
        finally:
            self._base_queryset = base
        return self.load_related(queryset)

    def count_of(self, queryset):
        """The listing's total (api.base.Pagination), kept as a fragment until a page of its
        type changes: every publication, unpublication, move, deletion and change of privacy
        purges the listings of the types it touches (cms.invalidation). The key is the query
        itself, so each filter, language and reader's access counts apart."""
        sql, params = queryset.order_by().query.sql_with_params()
        return cache_tags.fragment(
            "api-count:" + repr((sql, params)),
            {cache_tags.list_tag(queryset.model), "all"},
            queryset.count,
        )

    @staticmethod
    def load_related(queryset):
        """Join or prefetch, per page type, everything its API fields read."""
        queryset = queryset.select_related("locale")
        loader = PAGE_LOADERS.get(queryset.model)
        return loader(queryset) if loader else queryset

    def listing_view(self, request):
        queryset = self.get_queryset()
        cache_tags.add(cache_tags.list_tag(queryset.model))
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = list(self.paginate_queryset(queryset))
        self.prepare(pages)
        serializer = self.get_serializer(pages, many=True)
        return self.get_paginated_response(serializer.data)

    def get_object(self):
        # Wagtail reads the page's base row among the visible pages, then its specific row.
        # Here the first query asks only for its type (a query of one column compiles and
        # runs in a fraction of the time), and the second reads the specific row with what
        # its API fields show (its language, its city…), as the listings do.
        if not hasattr(self, "_specific_object"):
            self._specific_object = self._find_specific()
        return self._specific_object

    def _find_specific(self):
        queryset = self.filter_queryset(self.get_queryset())
        if not isinstance(queryset, QuerySet):  # ?search= on a detail: search results
            return GenericAPIView.get_object(self).specific
        pk = self.kwargs["pk"]
        content_type_id = queryset.filter(pk=pk).values_list("content_type_id", flat=True).first()
        if content_type_id is None:  # in the words of DRF's get_object_or_404, as before
            raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a page type no longer installed: its base row, as Wagtail does
            page = queryset.select_related("locale").get(pk=pk)
        else:
            page = self.load_related(model._default_manager.filter(pk=pk)).get()
        self.check_object_permissions(self.request, page)
        return page

    def detail_view(self, request, pk):
        self.check_rich_text_format()
        page = self.get_object()
        cache_tags.add(*cache_tags.page_tags(page))
        self.prepare([page], translations=self.parent_and_translations(page))
        return Response(self.get_serializer(page).data)

    def parent_and_translations(self, page):
        """Read the page's parent and translations among the visible pages in one query: the
        parent is kept on the page (VisibleParentField), the translations returned as
        load_translations() gives them."""
        parent_path = page.path[: -page.steplen] if page.depth > 1 else None
        rows = self.get_base_queryset().filter(
            Q(translation_key=page.translation_key) | Q(path=parent_path)
        )
        page.visible_parent = None
        translations = {}
        for row in rows.select_related("locale"):
            if row.path == parent_path:
                page.visible_parent = row
            if row.translation_key == page.translation_key:
                translations[row.locale.language_code] = row.pk
        return {page.translation_key: translations}

    def prepare(self, pages, translations=None):
        """Load in bulk what the serializer fields of these pages need."""
        if translations is None:
            translations = load_translations(pages, self.get_base_queryset())
        self.prepared = {
            "translations": translations,
            "translation_states": LazyTranslationStates(pages),
            "stream_objects": stream_objects.StreamObjects(pages),
        }
        prepare = PAGE_PREPARERS.get(type(pages[0])) if pages else None
        if prepare is not None:
            self.prepared.update(prepare(pages, self.request))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.update(getattr(self, "prepared", {}))
        return context
