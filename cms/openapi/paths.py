"""The endpoints of the public API and their parameters."""

from certification.parameters import PARAMETERS as CERTIFICATE_PARAMETERS
from knowledge.api import RICH_TEXT_FORMATS

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
PAGING = [
    _param("limit", "Items per page, at most 100.", {"type": "integer", "minimum": 0}),
    _param("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
]
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
    _param("sdg", f"Goal numbers 1–17 (initiatives). {LIST}"),
    _param("target", f"Target codes such as 11.1 or 11.a (initiatives). {LIST}"),
    _param("theme", f"Theme codes (initiatives). {LIST}"),
    _param("country", f"ISO 3166 alpha-2 codes (initiatives, cities). {LIST}"),
    _param("region", f"Region codes such as asia-pacific (initiatives, cities). {LIST}"),
    _param("city", f"City page ids in any language (initiatives). {LIST}"),
    _param("year", "Start year (initiatives) or year of the event or webinar."),
    _param(
        "upcoming",
        "`true`: events and webinars not yet ended.",
        {"type": "string", "enum": ["true", "false"]},
    ),
    _param("start_after", "Events and webinars starting on or after this date or date-time."),
    _param("start_before", "Events and webinars starting on or before this date or date-time."),
    _param("attendance", "Events: in-person, online or hybrid."),
]
SNIPPET_PARAMETERS = [FIELDS, LOCALE, *PAGING, _param("order", "Field to order by.")]
MEDIA_PARAMETERS = [FIELDS, *PAGING, _param("search", "Words to search for.")]
ID = _param("id", "Item id.", {"type": "integer", "minimum": 1}, location="path", required=True)


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
    "/api/v2/sdgs/{id}/": _get("One goal.", "get_sdg", [ID, FIELDS], "GoalItem", not_found=True),
    "/api/v2/themes/": _get("Themes.", "list_themes", SNIPPET_PARAMETERS, "ThemeItemListing"),
    "/api/v2/themes/{id}/": _get(
        "One theme.", "get_theme", [ID, FIELDS], "ThemeItem", not_found=True
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
            _param("type", f"Result types. {LIST}"),
            _param("sdg", f"Goal numbers. {LIST}"),
            _param("theme", f"Theme codes. {LIST}"),
            _param("region", f"Region codes. {LIST}"),
            _param("country", f"ISO 3166 alpha-2 codes. {LIST}"),
            _param("year", f"Years. {LIST}"),
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
