"""The endpoints of the public API and their parameters. The filters are described by the same
definitions the server checks them with (knowledge.query.parameters, through each listing's filter
set), `fields`, `order` and `type` by the viewsets that read them (cms.openapi.queries), so
their names, enums and bounds cannot drift from what is accepted. Built on each request: the
codes of themes, stages and cities come from the database."""

from django.conf import settings

from wagtail.models import Page

from api.tree import MAX_PAGE_ID
from awards.parameters import PARAMETERS as AWARD_PARAMETERS
from certification.parameters import PARAMETERS as CERTIFICATE_PARAMETERS
from cms.api import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet
from cms.pages_api import RICH_TEXT_FORMATS, PagesAPIViewSet
from exchanges.parameters import PARAMETERS as EXCHANGE_PARAMETERS
from knowledge.initiatives.filters import InitiativeFilters
from knowledge.query import parameters
from knowledge.taxonomy.api import SDGsAPIViewSet, ThemesAPIViewSet
from library.filters import LibraryFilters
from network.parameters import CITY as PEERS_CITY
from pages.filters import ScheduleFilters
from search.params import PARAMETERS as SEARCH_FILTERS

from .common import LANGUAGE, _ref
from .queries import fields_schema, order_schema, page_type_parameter


def _param(name, description, schema=None, location="query", required=False):
    return {
        "name": name,
        "in": location,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


LIST = "Several values separated by commas mean OR; different filters combine with AND."


def _filters(*filter_sets):
    """The OpenAPI parameters of filter sets ({name: knowledge.query.parameters.Parameter}), each
    name once, in order."""
    chosen = {}
    for filter_set in filter_sets:
        for name, parameter in filter_set.items():
            chosen.setdefault(name, parameter)
    entries = []
    for parameter in chosen.values():
        entry = parameter.openapi()
        if parameter.many:
            entry["description"] = f"{entry['description']} {LIST}"
        entries.append(entry)
    return entries


def _paging(maximum):
    return [
        _param(
            "limit",
            f"Items per page, at most {maximum}.",
            {"type": "integer", "minimum": 0, "maximum": maximum},
        ),
        _param("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
    ]


PAGING = _paging(settings.WAGTAILAPI_LIMIT_MAX)
RICH_TEXT = _param(
    "rich_text_format",
    "Rich text comes as HTML with absolute links in the page's language (the only format).",
    {"type": "string", "enum": list(RICH_TEXT_FORMATS)},
)
LOCALE = _param("locale", "Language of the items.", LANGUAGE)
PAGE_ID = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_ID}


def _fields(view, model, detail=False):
    schema = fields_schema(view, model, detail)
    return _param("fields", schema.pop("description"), schema)


def _order(view, model):
    schema = order_schema(view, model)
    return _param("order", schema.pop("description"), schema)


def _page_parameters():
    return [
        RICH_TEXT,
        # `type`, its filters (initiatives', events' and webinars', library items'), fields,
        # order.
        page_type_parameter(
            PagesAPIViewSet,
            {
                **InitiativeFilters.PARAMETERS,
                **ScheduleFilters.PARAMETERS,
                **LibraryFilters.PARAMETERS,
            },
        ),
        LOCALE,
        *PAGING,
        _param("search", "Words to search for."),
        _param("search_operator", "`and` or `or`.", {"type": "string", "enum": ["and", "or"]}),
        _param("child_of", "Id of the parent page (404 when there is none).", PAGE_ID),
        _param("descendant_of", "Id of an ancestor page (404 when there is none).", PAGE_ID),
        _param("ancestor_of", "Id of a descendant page (404 when there is none).", PAGE_ID),
        _param(
            "translation_of", "Id of a page: its translations (404 when there is none).", PAGE_ID
        ),
    ]


def _snippet_parameters(view):
    return [_fields(view, view.model), LOCALE, *PAGING, _order(view, view.model)]


def _media_parameters(view):
    return [_fields(view, view.model), *PAGING, _param("search", "Words to search for.")]


ID = _param("id", "Item id.", {"type": "integer", "minimum": 1}, location="path", required=True)
GOAL_NUMBER = _param(
    "id", "The goal's number.", parameters.SDG.schema, location="path", required=True
)


def _theme_code():
    schema = parameters.THEME.openapi()["schema"]["items"]
    return _param("id", "The theme's code.", schema, location="path", required=True)


def _responses(schema_name, *, not_found=False):
    responses = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": _ref(schema_name)}},
        },
        "304": {"description": "Not modified: the If-None-Match ETag still holds."},
        "400": {
            "description": "A parameter is wrong; the message names it.",
            "content": {"application/json": {"schema": _ref("Error")}},
        },
        "429": {
            "description": "Too many requests from this address; see Retry-After.",
            "content": {"application/json": {"schema": _ref("Error")}},
        },
    }
    if not_found:
        responses["404"] = {
            "description": "No such item, or not public.",
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    return responses


def _get(summary, operation_id, parameters, schema_name, *, not_found=False, tag="content"):
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "tags": [tag],
            "parameters": parameters,
            "responses": _responses(schema_name, not_found=not_found),
        }
    }


def build_paths():
    """{path: operation}, as the server answers now."""
    return {
        "/api/v2/pages/": _get(
            "Live, public pages: initiatives, cities, events, webinars, partners, standard pages.",
            "list_pages",
            _page_parameters(),
            "PageListing",
            not_found=True,
        ),
        "/api/v2/pages/{id}/": _get(
            "One live, public page with every field.",
            "get_page",
            [ID, _fields(PagesAPIViewSet, Page, detail=True), RICH_TEXT],
            "Page",
            not_found=True,
        ),
        "/api/v2/sdgs/": _get(
            "The 17 Sustainable Development Goals.",
            "list_sdgs",
            _snippet_parameters(SDGsAPIViewSet),
            "GoalItemListing",
        ),
        "/api/v2/sdgs/{id}/": _get(
            "One goal, by its number.",
            "get_sdg",
            [GOAL_NUMBER, _fields(SDGsAPIViewSet, SDGsAPIViewSet.model, detail=True)],
            "GoalItem",
            not_found=True,
        ),
        "/api/v2/themes/": _get(
            "Themes.",
            "list_themes",
            _snippet_parameters(ThemesAPIViewSet),
            "ThemeItemListing",
        ),
        "/api/v2/themes/{id}/": _get(
            "One theme, by its code.",
            "get_theme",
            [_theme_code(), _fields(ThemesAPIViewSet, ThemesAPIViewSet.model, detail=True)],
            "ThemeItem",
            not_found=True,
        ),
        "/api/v2/images/": _get(
            "Images in public collections.",
            "list_images",
            _media_parameters(PublicImagesAPIViewSet),
            "MediaItemListing",
        ),
        "/api/v2/images/{id}/": _get(
            "One image.",
            "get_image",
            [ID, _fields(PublicImagesAPIViewSet, PublicImagesAPIViewSet.model, detail=True)],
            "MediaItem",
            not_found=True,
        ),
        "/api/v2/documents/": _get(
            "Documents in public collections.",
            "list_documents",
            _media_parameters(PublicDocumentsAPIViewSet),
            "MediaItemListing",
        ),
        "/api/v2/documents/{id}/": _get(
            "One document.",
            "get_document",
            [ID, _fields(PublicDocumentsAPIViewSet, PublicDocumentsAPIViewSet.model, detail=True)],
            "MediaItem",
            not_found=True,
        ),
        "/api/v2/search/": _get(
            "Site search with facets.",
            "search",
            [
                _param("q", "Words to search for."),
                LOCALE,
                *PAGING,
                *_filters(SEARCH_FILTERS),
            ],
            "SearchListing",
        ),
        "/api/v2/certificates/": _get(
            "The register of current SDG Cities certificates.",
            "list_certificates",
            [
                *_filters(CERTIFICATE_PARAMETERS),
                LOCALE,
                *PAGING,
            ],
            "CertificateListing",
        ),
        "/api/v2/certificates/{number}/": _get(
            "Any certificate by its number: active, expired or revoked (with the date and the "
            "reason); 404 for a number no certificate has.",
            "get_certificate",
            [
                _param(
                    "number",
                    "Certificate number, such as SDGC-2026-000001.",
                    {"type": "string", "pattern": "^SDGC-[0-9]{4}-[0-9]{6,20}$"},
                    location="path",
                    required=True,
                ),
                LOCALE,
            ],
            "CertificateDetail",
            not_found=True,
        ),
        "/api/v2/awards/": _get(
            "Published award results: finalists and winners of decided cycles.",
            "list_awards",
            [*_filters(AWARD_PARAMETERS), LOCALE, *PAGING],
            "AwardListing",
        ),
        "/api/v2/peers/": _get(
            "A city's size band, its peer cities and the initiatives of peers recommended for its "
            "weakest goals, each with a one-line reason, in the language of the city page.",
            "get_peers",
            [{**PEERS_CITY.openapi(), "required": True}],
            "Peers",
        ),
        "/api/v2/exchanges/": _get(
            "What came of exchanges between cities (or a city and a partner organisation): done "
            "exchanges with an outcome about a live initiative (the cities, the year, the "
            "outcome in the language it was written in; "
            "never messages or people).",
            "list_exchanges",
            [*_filters(EXCHANGE_PARAMETERS), LOCALE, *PAGING],
            "ReplicationListing",
        ),
    }


PATHS = tuple(
    [
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/sdgs/",
        "/api/v2/sdgs/{id}/",
        "/api/v2/themes/",
        "/api/v2/themes/{id}/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/search/",
        "/api/v2/certificates/",
        "/api/v2/certificates/{number}/",
        "/api/v2/awards/",
        "/api/v2/peers/",
        "/api/v2/exchanges/",
    ]
)
