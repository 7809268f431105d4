"""/api/v2/schema/ and the human-readable page made from it, /api/v2/docs/."""

import copy

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from knowledge.base import cache_tags
from knowledge.models import CityPage

from .common import SCHEMAS
from .pages import page_schemas
from .paths import build_paths


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
        "paths": build_paths(),
        "components": {"schemas": copy.deepcopy({**SCHEMAS, **page_schemas()})},
    }


def schema_view(request):
    # Its enums list cities and stages (a change of themes or targets purges every response).
    cache_tags.add(cache_tags.list_tag(CityPage), "certification")
    return JsonResponse(
        document(request.build_absolute_uri("/")), json_dumps_params={"ensure_ascii": False}
    )


def docs_view(request):
    spec = document(request.build_absolute_uri("/"))
    endpoints = [
        {
            "path": path,
            "summary": item["get"]["summary"],
            "parameters": list(_rows(item["get"]["parameters"])),
            "schema": item["get"]["responses"]["200"]["content"]["application/json"]["schema"][
                "$ref"
            ].rsplit("/", 1)[-1],
        }
        for path, item in spec["paths"].items()
    ]
    schemas = [
        {
            "name": name,
            "description": schema.get("description", ""),
            "one_of": [_describe(option) for option in schema.get("oneOf", [])],
            "fields": [
                {
                    "name": field,
                    "type": _describe(value),
                    "required": field in schema.get("required", []),
                    "description": value.get("description", ""),
                    "deprecated": value.get("deprecated", False),
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


def _rows(parameters):
    """The parameters as sent: an object parameter (the pages' `page_type`) as its properties."""
    for parameter in parameters:
        schema = parameter["schema"]
        if schema.get("type") == "object" and schema.get("properties"):
            for name, value in schema["properties"].items():
                yield {
                    "name": name,
                    "description": value.get("description", ""),
                    "schema": value.get("items", value),
                }
        else:
            yield parameter


def _describe(schema):
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return _describe(schema["allOf"][0]) + " or null"
    if "oneOf" in schema:
        return " or ".join(_describe(option) for option in schema["oneOf"])
    kind = schema.get("type", "any")
    if "enum" in schema:
        kind = " | ".join(f"“{value}”" for value in schema["enum"])
    if kind == "array":
        kind = f"array of {_describe(schema['items'])}"
    if schema.get("nullable"):
        kind += " or null"
    return kind
