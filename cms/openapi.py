"""The OpenAPI 3 document of the public API (/api/v2/schema/) and its human-readable page
(/api/v2/docs/).

Written out by hand from the endpoints' contracts (DESIGN.md, "Public contract"): a typed schema
per page type, the shared nested shapes, every parameter with its rules, and the error shape.
Tests validate real responses against it and fuzz every endpoint from it.
"""

import copy

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

NULLABLE_STRING = {"type": "string", "nullable": True}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _array(item):
    return {"type": "array", "items": item}


def _nullable(name):
    return {"allOf": [_ref(name)], "nullable": True}


def _object(properties, required=(), extra=False):
    schema = {"type": "object", "properties": properties, "additionalProperties": extra}
    if required:
        schema["required"] = list(required)
    return schema


HTML = {"type": "string", "description": "HTML; links are absolute."}
DATETIME = {"type": "string", "format": "date-time", "description": "ISO 8601 with offset."}
NULLABLE_DATETIME = {**DATETIME, "nullable": True}
LANGUAGE = {"type": "string", "enum": [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]}

SCHEMAS = {
    "Error": _object({"message": {"type": "string"}}, ["message"]),
    "ListingMeta": _object({"total_count": {"type": "integer", "minimum": 0}}, ["total_count"]),
    "Goal": _object(
        {
            "number": {"type": "integer", "minimum": 1, "maximum": 17},
            "short_title": {"type": "string"},
            "title": {"type": "string"},
            "color": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
        },
        ["number", "short_title", "title", "color"],
    ),
    "Target": _object({"code": {"type": "string"}, "text": {"type": "string"}}, ["code", "text"]),
    "Theme": _object({"code": {"type": "string"}, "title": {"type": "string"}}, ["code", "title"]),
    "Country": _object({"code": {"type": "string"}, "name": {"type": "string"}}, ["code", "name"]),
    "City": _object(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "country": _ref("Country"),
            "region": {"type": "string"},
        },
        ["id", "title", "country", "region"],
    ),
    "Rendition": _object(
        {
            "url": {"type": "string"},
            "full_url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "alt": {"type": "string"},
        },
        ["url", "width", "height", "alt"],
    ),
    "RelatedPage": _object(
        {"id": {"type": "integer"}, "title": {"type": "string"}, "url": NULLABLE_STRING},
        ["id", "title"],
    ),
    "Translations": {
        "type": "object",
        "description": "Page ids of the same page in the other languages, by language code.",
        "additionalProperties": {"type": "integer"},
    },
    "Block": _object(
        {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
        ["type", "value"],
        extra=True,
    ),
    "PageMeta": _object(
        {
            "type": {"type": "string"},
            "detail_url": {"type": "string"},
            "html_url": NULLABLE_STRING,
            "slug": {"type": "string"},
            "show_in_menus": {"type": "boolean"},
            "seo_title": {"type": "string"},
            "search_description": {"type": "string"},
            "first_published_at": NULLABLE_DATETIME,
            "alias_of": {"nullable": True},
            "parent": {"nullable": True},
            "locale": {"type": "string"},
            "translation_status": {"type": "object", "nullable": True},
        },
        ["type", "detail_url"],
        extra=True,
    ),
    "SnippetMeta": _object(
        {"type": {"type": "string"}, "detail_url": {"type": "string"}, "locale": LANGUAGE},
        ["type", "detail_url"],
        extra=True,
    ),
}

# Fields of each page type, in the shapes the API gives (all optional: `fields` chooses them).
COMMON_PAGE_FIELDS = {
    "id": {"type": "integer"},
    "meta": _ref("PageMeta"),
    "title": {"type": "string"},
    "translations": _ref("Translations"),
}
PAGE_FIELDS = {
    "intro": {"type": "string"},
    "summary": {"type": "string"},
    "body": _array(_ref("Block")),
    "background": HTML,
    "actions": HTML,
    "impacts": HTML,
    "budget": HTML,
    "profile": HTML,
    "description": HTML,
    "sdgs": _array(_ref("Goal")),
    "targets": _array(_ref("Target")),
    "themes": _array(_ref("Theme")),
    "image": _nullable("Rendition"),
    "thumbnail": _nullable("Rendition"),
    "logo": _nullable("Rendition"),
    "media": _array({"type": "object"}),
    "policy_url": {"type": "string"},
    "website": {"type": "string"},
    "start_year": {"type": "integer", "nullable": True},
    "end_year": {"type": "integer", "nullable": True},
    "status": {"type": "string"},
    "implementing_agencies": {"type": "string"},
    "partners": {"type": "string"},
    "contact": {"type": "object", "nullable": True},
    "replication": _object(
        {"replicated": {"type": "integer"}, "interested": {"type": "integer"}},
        ["replicated", "interested"],
    ),
    "country": _nullable("Country"),
    "region": {"type": "string"},
    "population": {"type": "integer", "nullable": True},
    "latitude": NULLABLE_STRING,
    "longitude": NULLABLE_STRING,
    "social_accounts": _array({"type": "object"}),
    "focal_points": _array(
        _object({"name": {"type": "string"}, "role": {"type": "string"}}, ["name"], extra=True)
    ),
    "start": DATETIME,
    "end": NULLABLE_DATETIME,
    "duration": {"type": "integer", "nullable": True},
    "time_zone": {"type": "string"},
    "attendance": {"type": "string"},
    "venue": {"type": "string"},
    "registration_url": {"type": "string"},
    "organisers": _array(_ref("RelatedPage")),
    "case_studies": _array(_ref("RelatedPage")),
    "speakers": _array({"type": "object"}),
    "video_url": {"type": "string"},
    "recording_url": {"type": "string"},
    "slides": {"type": "object", "nullable": True},
    "kind": {"type": "string"},
}
# `city`: an initiative's city is an object; an event's city is the name of its place.
CITY_FIELD = {"oneOf": [_ref("City"), {"type": "string"}], "nullable": True}

SCHEMAS["Page"] = _object(
    {**COMMON_PAGE_FIELDS, **PAGE_FIELDS, "city": CITY_FIELD},
    ["id", "meta"],
    extra=True,
)
SCHEMAS["PageListing"] = _object(
    {"meta": _ref("ListingMeta"), "items": _array(_ref("Page"))}, ["meta", "items"]
)
SCHEMAS["GoalItem"] = _object(
    {
        "id": {"type": "integer"},
        "meta": _ref("SnippetMeta"),
        **SCHEMAS["Goal"]["properties"],
    },
    ["id", "meta"],
)
SCHEMAS["ThemeItem"] = _object(
    {
        "id": {"type": "integer"},
        "meta": _ref("SnippetMeta"),
        "code": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
    },
    ["id", "meta"],
)
SCHEMAS["MediaItem"] = _object(
    {"id": {"type": "integer"}, "meta": {"type": "object"}, "title": {"type": "string"}},
    ["id", "meta"],
    extra=True,
)
for name in ("GoalItem", "ThemeItem", "MediaItem"):
    SCHEMAS[f"{name}Listing"] = _object(
        {"meta": _ref("ListingMeta"), "items": _array(_ref(name))}, ["meta", "items"]
    )
SCHEMAS["SearchResult"] = _object(
    {
        "type": {"type": "string"},
        "id": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "excerpt": {"type": "string", "description": "HTML, query words in <mark>."},
    },
    ["type", "id", "title", "url", "excerpt"],
)
SCHEMAS["FacetValue"] = _object(
    {
        "value": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
        "label": {"type": "string"},
        "count": {"type": "integer"},
    },
    ["value", "label", "count"],
)
SCHEMAS["SearchListing"] = _object(
    {
        "meta": _ref("ListingMeta"),
        "items": _array(_ref("SearchResult")),
        "facets": {"type": "object", "additionalProperties": _array(_ref("FacetValue"))},
    },
    ["meta", "items", "facets"],
)
SCHEMAS["Certificate"] = _object(
    {
        "number": {"type": "string"},
        "status": {"type": "string", "enum": ["active"]},
        "city": _nullable("City"),
        "stage": _object(
            {
                "code": {"type": "string"},
                "order": {"type": "integer", "nullable": True},
                "name": {"type": "string"},
                "label": {"type": "string"},
            },
            ["code", "name", "label"],
        ),
        "certifying_body": _object(
            {
                "code": {"type": "string"},
                "kind": {"type": "string", "enum": ["global", "national"]},
                "name": {"type": "string"},
                "country": NULLABLE_STRING,
            },
            ["code", "kind", "name"],
        ),
        "issued_on": {"type": "string", "format": "date"},
        "expires_on": {"type": "string", "format": "date"},
        "verification_url": {"type": "string"},
    },
    [
        "number",
        "status",
        "city",
        "stage",
        "certifying_body",
        "issued_on",
        "expires_on",
        "verification_url",
    ],
)
SCHEMAS["CertificateListing"] = _object(
    {"meta": _ref("ListingMeta"), "items": _array(_ref("Certificate"))}, ["meta", "items"]
)


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
LOCALE = _param("locale", "Language of the items.", LANGUAGE)
PAGE_PARAMETERS = [
    _param("type", "Page type, e.g. `knowledge.InitiativePage`, `pages.EventPage`."),
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
        [ID, FIELDS],
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
            _param("stage", f"Stage codes. {LIST}"),
            _param("country", f"ISO 3166 alpha-2 codes. {LIST}"),
            _param("city", f"City page ids. {LIST}"),
            LOCALE,
            *PAGING,
        ],
        "CertificateListing",
    ),
}


def document(base_url=None):
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Urban SDG Knowledge Platform API",
            "version": "2",
            "description": (
                "Read-only public API for partner sites: initiatives, cities, events, webinars, "
                "partners, the SDGs and themes, site search and the register of SDG Cities "
                "certificates, in six languages. Only live, public content appears. Listings "
                "use Wagtail's envelope {meta: {total_count}, items}. Errors are 400 with "
                "{message} naming the parameter. Responses carry an ETag (send it back in "
                "If-None-Match for a 304) and Cache-Control; each address may make a limited "
                "number of requests a minute (429 with Retry-After beyond it)."
            ),
        },
        "servers": [{"url": (base_url or settings.WAGTAILAPI_BASE_URL).rstrip("/")}],
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS)},
    }


def schema_view(request):
    return JsonResponse(
        document(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False}
    )


def docs_view(request):
    spec = document(request.build_absolute_uri("/"))
    endpoints = [
        {
            "path": path,
            "summary": item["get"]["summary"],
            "parameters": item["get"]["parameters"],
            "schema": item["get"]["responses"]["200"]["content"]["application/json"]["schema"][
                "$ref"
            ].rsplit("/", 1)[-1],
        }
        for path, item in spec["paths"].items()
    ]
    schemas = [
        {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": _describe(value),
                    "required": field in schema.get("required", []),
                }
                for field, value in schema.get("properties", {}).items()
            ],
        }
        for name, schema in spec["components"]["schemas"].items()
    ]
    return render(
        request,
        "cms/api_docs.html",
        {"info": spec["info"], "endpoints": endpoints, "schemas": schemas},
    )


def _describe(schema):
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return _describe(schema["allOf"][0]) + " or null"
    if "oneOf" in schema:
        return " or ".join(_describe(option) for option in schema["oneOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        kind = f"array of {_describe(schema['items'])}"
    if schema.get("nullable"):
        kind += " or null"
    return kind
