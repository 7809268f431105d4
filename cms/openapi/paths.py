"""The endpoints of the public API and their parameters. The filters are described by the same
definitions the server checks them with (knowledge.parameters, through each listing's filter
set), so their names, enums and bounds cannot drift from what is accepted."""

from django.conf import settings

from certification.parameters import PARAMETERS as CERTIFICATE_PARAMETERS
from knowledge import parameters
from knowledge.api import RICH_TEXT_FORMATS
from knowledge.filters import InitiativeFilters
from pages.filters import ScheduleFilters
from search.params import PARAMETERS as SEARCH_FILTERS

from .common import LANGUAGE, _ref
from .pages import api_page_models


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
    """The OpenAPI parameters of filter sets ({name: knowledge.parameters.Parameter}), each name
    once, in order."""
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
FIELDS = _param(
    "fields",
    "Fields to add (`a,b`), remove (`-a`) or all (`*`); nested with parentheses.",
)
RICH_TEXT = _param(
    "rich_text_format",
    "Rich text comes as HTML with absolute links in the page's language (the only format).",
    {"type": "string", "enum": list(RICH_TEXT_FORMATS)},
)
LOCALE = _param("locale", "Language of the items.", LANGUAGE)
PAGE_PARAMETERS = [
    RICH_TEXT,
    _param(
        "type",
        "Page type; the type-specific filters and fields need it.",
        {"type": "string", "enum": sorted(model._meta.label for model in api_page_models())},
    ),
    FIELDS,
    LOCALE,
    *PAGING,
    _param("order", "Field to order by (`-` for descending), or `random`."),
    _param("search", "Words to search for."),
    _param("search_operator", "`and` or `or`.", {"type": "string", "enum": ["and", "or"]}),
    _param("child_of", "Id of the parent page.", {"type": "integer"}),
    _param("descendant_of", "Id of an ancestor page.", {"type": "integer"}),
    _param("ancestor_of", "Id of a descendant page.", {"type": "integer"}),
    _param("translation_of", "Id of a page: its translations.", {"type": "integer"}),
    # Initiatives' filters, then those only events and webinars take.
    *_filters(InitiativeFilters.PARAMETERS, ScheduleFilters.PARAMETERS),
]
SNIPPET_PARAMETERS = [FIELDS, LOCALE, *PAGING, _param("order", "Field to order by.")]
MEDIA_PARAMETERS = [FIELDS, *PAGING, _param("search", "Words to search for.")]
ID = _param("id", "Item id.", {"type": "integer", "minimum": 1}, location="path", required=True)
GOAL_NUMBER = _param(
    "id", "The goal's number.", parameters.SDG.schema, location="path", required=True
)
THEME_CODE = _param(
    "id", "The theme's code.", parameters.THEME.schema, location="path", required=True
)


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


PATHS = {
    "/api/v2/pages/": _get(
        "Live, public pages: initiatives, cities, events, webinars, partners, standard pages.",
        "list_pages",
        PAGE_PARAMETERS,
        "PageListing",
    ),
    "/api/v2/pages/{id}/": _get(
        "One live, public page with every field.",
        "get_page",
        [ID, FIELDS, RICH_TEXT],
        "Page",
        not_found=True,
    ),
    "/api/v2/sdgs/": _get(
        "The 17 Sustainable Development Goals.", "list_sdgs", SNIPPET_PARAMETERS, "GoalItemListing"
    ),
    "/api/v2/sdgs/{id}/": _get(
        "One goal, by its number.", "get_sdg", [GOAL_NUMBER, FIELDS], "GoalItem", not_found=True
    ),
    "/api/v2/themes/": _get("Themes.", "list_themes", SNIPPET_PARAMETERS, "ThemeItemListing"),
    "/api/v2/themes/{id}/": _get(
        "One theme, by its code.", "get_theme", [THEME_CODE, FIELDS], "ThemeItem", not_found=True
    ),
    "/api/v2/images/": _get(
        "Images in public collections.", "list_images", MEDIA_PARAMETERS, "MediaItemListing"
    ),
    "/api/v2/images/{id}/": _get(
        "One image.", "get_image", [ID, FIELDS], "MediaItem", not_found=True
    ),
    "/api/v2/documents/": _get(
        "Documents in public collections.",
        "list_documents",
        MEDIA_PARAMETERS,
        "MediaItemListing",
    ),
    "/api/v2/documents/{id}/": _get(
        "One document.", "get_document", [ID, FIELDS], "MediaItem", not_found=True
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
            *(parameter.openapi() for parameter in CERTIFICATE_PARAMETERS.values()),
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
}
