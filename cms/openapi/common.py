"""The shapes the endpoints share (DESIGN.md, "Public contract"), and the schemas of the
listings other than pages."""

from django.conf import settings

from network.bands import CODES as BAND_CODES

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
SCHEMAS["CertificateDetail"] = _object(
    {
        **SCHEMAS["Certificate"]["properties"],
        "status": {"type": "string", "enum": ["active", "expired", "revoked"]},
        "revoked_at": {"type": "string", "format": "date-time", "nullable": True},
        "revocation_reason": {"type": "string"},
    },
    [*SCHEMAS["Certificate"]["required"], "revoked_at", "revocation_reason"],
)
SCHEMAS["CertificateListing"] = _object(
    {"meta": _ref("ListingMeta"), "items": _array(_ref("Certificate"))}, ["meta", "items"]
)
SCHEMAS["AwardResult"] = _object(
    {
        "programme": _object(
            {"code": {"type": "string"}, "name": {"type": "string"}}, ["code", "name"]
        ),
        "year": {"type": "integer"},
        "rank": {"type": "string", "enum": ["winner", "finalist"]},
        "rank_label": {"type": "string"},
        "initiative": _object(
            {"id": {"type": "integer"}, "title": {"type": "string"}}, ["id", "title"]
        ),
        "city": _nullable("City"),
    },
    ["programme", "year", "rank", "rank_label", "initiative", "city"],
)
SCHEMAS["AwardListing"] = _object(
    {"meta": _ref("ListingMeta"), "items": _array(_ref("AwardResult"))}, ["meta", "items"]
)
SCHEMAS["PeerCity"] = _object(
    {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "band": {"type": "string", "enum": BAND_CODES, "nullable": True},
        "region": {"type": "string"},
        "reason": {"type": "string", "description": "Why it is a peer, in the city's language."},
    },
    ["id", "title", "url", "band", "region", "reason"],
)
SCHEMAS["PeerRecommendation"] = _object(
    {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "city": _ref("City"),
        "sdgs": _array(_ref("Goal")),
        "reason": {"type": "string", "description": "Why it is recommended, in one line."},
    },
    ["id", "title", "url", "city", "sdgs", "reason"],
)
SCHEMAS["Peers"] = _object(
    {
        "city": _object(
            {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "url": {"type": "string"},
                "band": {"type": "string", "enum": BAND_CODES, "nullable": True},
                "region": {"type": "string"},
            },
            ["id", "title", "url", "band", "region"],
        ),
        "basis": {
            "type": "string",
            "enum": ["stage-report", "fewest-initiatives"],
            "nullable": True,
            "description": "What chose the weakest areas: the gaps of the city's latest stage "
            "report (themes) or the goals it has the fewest initiatives on.",
        },
        "focus": _array(
            _object(
                {
                    "kind": {"type": "string", "enum": ["sdg", "theme"]},
                    "code": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                    "title": {"type": "string"},
                },
                ["kind", "code", "title"],
            )
        ),
        "peers": _array(_ref("PeerCity")),
        "recommendations": _array(_ref("PeerRecommendation")),
    },
    ["city", "basis", "focus", "peers", "recommendations"],
)
SCHEMAS["Replication"] = _object(
    {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["contact", "replication"]},
        "initiative": {
            **_object({"id": {"type": "integer"}, "title": {"type": "string"}}, ["id", "title"]),
            "nullable": True,
        },
        "requesting_city": _nullable("City"),
        "receiving_city": _nullable("City"),
        "partner": {
            **_object({"id": {"type": "integer"}, "title": {"type": "string"}}, ["id", "title"]),
            "nullable": True,
            "description": "The partner organisation (its page) when the exchange was between "
            "a city and a partner; receiving_city is then null.",
        },
        "replicated_in": _nullable("City"),
        "year": {"type": "integer", "nullable": True},
        "outcome": {"type": "string"},
        "outcome_language": {"type": "string"},
        "closed_at": NULLABLE_DATETIME,
    },
    [
        "id",
        "kind",
        "initiative",
        "requesting_city",
        "receiving_city",
        "partner",
        "replicated_in",
        "year",
        "outcome",
        "outcome_language",
        "closed_at",
    ],
)
SCHEMAS["ReplicationListing"] = _object(
    {"meta": _ref("ListingMeta"), "items": _array(_ref("Replication"))}, ["meta", "items"]
)
