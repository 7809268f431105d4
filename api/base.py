"""What every endpoint of the API v2 router shares: Wagtail's envelope and its `limit`/`offset`
rules with translated messages naming the parameter, `?locale=`, the refusal of unknown
parameters, and JSON errors (Wagtail's BaseAPIViewSet answers 400 and 404 as {"message": …};
cms.api's exception handler gives DRF's other errors the same shape).

The pages endpoint (cms.pages_api), the SDG and theme endpoints (knowledge.taxonomy.api), the
search (search.api), the certificates register (certification.api) and the headless preview
(cms.preview) are all viewsets on the one router (cms.api), so they answer alike and the OpenAPI
document reads their definitions.
"""

import copy
import re
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import OrderingFilter as WagtailOrderingFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

# Parameters Wagtail's views accept on every endpoint without documenting them: jQuery's cache
# buster and DRF's browsable API's format.
UNDOCUMENTED_PARAMETERS = frozenset(["_", "format"])
WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def limit_max():
    return settings.WAGTAILAPI_LIMIT_MAX


def _whole_number(request, name, default):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequestError(_("%(name)s must be a whole number") % {"name": name}) from None
    if value < 0:
        raise BadRequestError(_("%(name)s cannot be negative") % {"name": name})
    return value


class Pagination(WagtailPagination):
    """Wagtail's limit and offset (limit at most WAGTAILAPI_LIMIT_MAX, 20 by default), with
    translated messages, over a queryset or a sequence. An offset past the end lists nothing
    without asking the database (an offset beyond 64 bits would make SQLite fail)."""

    def paginate_queryset(self, queryset, request, view=None):
        maximum = limit_max()
        offset = _whole_number(request, "offset", 0)
        limit = _whole_number(request, "limit", min(20, maximum))
        if limit > maximum:
            raise BadRequestError(_("limit cannot be higher than %(max)s") % {"max": maximum})
        self.view = view
        self.total_count = self.count(queryset, view)
        if offset >= self.total_count:
            return []
        return queryset[offset : offset + limit]

    @staticmethod
    def count(queryset, view):
        """The listing's total: the view's `count_of(queryset)` when it has one (a count it
        keeps between requests), else the database's or the sequence's."""
        if not isinstance(queryset, QuerySet):
            return len(queryset)
        count_of = getattr(view, "count_of", None)
        return count_of(queryset) if count_of is not None else queryset.count()


def requested_locale(request):
    """The Locale of ?locale=, or None when absent; a 400 naming the parameter when unknown."""
    code = request.GET.get("locale")
    if code is None:
        return None
    # Asked by more than one filter of a request: looked up once.
    if getattr(request, "_api_locale", (None,))[0] != code:
        request._api_locale = (code, Locale.objects.filter(language_code=code).first())
    locale = request._api_locale[1]
    if locale is None:
        raise BadRequestError(
            _("locale: “%(value)s” is not one of the languages: %(codes)s.")
            % {
                "value": code[:50],
                "codes": ", ".join(Locale.objects.values_list("language_code", flat=True)),
            }
        )
    return locale


def refuse_unknown_parameters(request, known):
    unknown = set(request.GET) - set(known) - UNDOCUMENTED_PARAMETERS
    if unknown:
        raise BadRequestError(
            _("query parameter is not an operation or a recognised field: %(names)s")
            % {"names": ", ".join(sorted(name[:50] for name in unknown))}
        )


class ListingAPIViewSet(BaseAPIViewSet):
    """An endpoint of our own on the router: not a model's fields but a list of its own
    parameters (`known_query_parameters`), the shared pagination and JSON errors."""

    pagination_class = Pagination
    known_query_parameters = frozenset(["limit", "offset", "locale"])

    def check_query_parameters(self, queryset=None):
        refuse_unknown_parameters(self.request, self.known_query_parameters)

    def locale(self):
        return requested_locale(self.request) or Locale.get_default()


class OrderingFilter(WagtailOrderingFilter):
    """Wagtail's `order`, where `random` may also take an offset: a window of a random order
    is another random sample, which Wagtail refuses for no reason of the database's."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("order") == "random":
            return queryset.order_by("?")
        return super().filter_queryset(request, queryset, view)


class FindByIdMixin:
    """Wagtail's find view (…/find/?id=) answering an id that is not a whole number with a 400
    naming it, rather than a server error."""

    def find_object(self, queryset, request):
        value = request.GET.get("id")
        if value is not None and not WHOLE_NUMBER.fullmatch(value):
            raise BadRequestError(
                _("id: “%(value)s” is not a whole number.") % {"value": value[:50]}
            )
        return super().find_object(queryset, request)


def _frozen(fields_config):
    """Wagtail's parsed `fields` ([(name, negated, sub-fields or None)]) as nested tuples."""
    if fields_config is None:
        return None
    return tuple((name, negated, _frozen(sub)) for name, negated, sub in fields_config)


@lru_cache(maxsize=256)  # `fields` is the reader's: a bounded number of its forms are kept
def _serializer_class(viewset, router, model, fields_config, show_details, nested):
    wagtails = super(ReusedSerializersMixin, viewset)._get_serializer_class
    return wagtails(router, model, fields_config, show_details, nested)


class ReusedSerializersMixin:
    """Wagtail makes a serializer class for every request (the model and the fields asked for
    decide it), and DRF builds each serializer's fields from the model's again, a quarter of
    a millisecond per field: a detail of a page with twenty fields spends more on that than
    on its SQL. The class made for the same model and `fields` is kept and used again; with
    `ReusedFieldsSerializer`, so are its fields."""

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        frozen = _frozen(fields_config)
        return _serializer_class(cls, router, model, frozen, show_details, nested)


class ReusedFieldsSerializer:
    """A serializer whose fields, built once per class from the model, are copied for each
    instance (DRF binds them to it) rather than built again: they depend on the class only."""

    def get_fields(self):
        built = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            type(self)._built_fields = built
        return copy.deepcopy(built)
