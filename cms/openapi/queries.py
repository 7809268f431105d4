"""The query parameters whose values depend on what an endpoint serves, built from the same
definitions the server checks them with, so that every value the document allows is accepted:

- `fields` and `order`: patterns of the names the endpoint's viewset offers for the model
  (Wagtail's get_available_fields; `order` only the fields a search can also order by);
- the pages endpoint's `type` and what depends on it: each page type's filters (as registered
  with api.registry.register_page_filter), `fields` and `order`, in one object parameter
  (OpenAPI's form style, each property sent as a parameter of its own) whose allowed
  combinations are one branch per type;
- codes that live in the database (themes, targets, stages, city pages) as enums of the
  values there when the document is asked for (knowledge.query.parameters.Parameter.values).
"""

import re

from wagtail.models import Page
from wagtail.search import index

from api.registry import PAGE_FILTERS

from .pages import api_page_models

# Fields every item keeps: its id and the meta type and address that tell items apart.
KEPT_FIELDS = frozenset(["id", "type", "detail_url"])


def _alternatives(names):
    return "(?:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + ")"


def fields_schema(view, model, detail=False):
    """`fields`: `*` or a name to start with, then names to add or (`-name`) remove."""
    names = set(view.get_available_fields(model))
    if not detail:
        names -= set(view.detail_only_fields)
    removable = names - KEPT_FIELDS
    remove = f"-{_alternatives(removable)}"
    token = f"(?:{_alternatives(names)}|{remove})"
    return {
        "type": "string",
        # After `*` (every field) only removals mean something.
        "pattern": rf"^(?:\*(?:,{remove})*|{token}(?:,{token})*)$",
        "maxLength": 1000,
        "description": "Fields to add (`a,b`) or remove (`-a`), or all (`*`, then removals): "
        + ", ".join(f"`{name}`" for name in sorted(names))
        + ".",
    }


def order_names(view, model):
    """Fields an `order` may name: database fields of the API that the search index can also
    order by (so that `order` combines with `search`)."""
    database = set(view.get_available_fields(model, db_fields_only=True))
    indexed = {
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.FilterField)
    }
    return sorted(database & indexed)


def order_schema(view, model):
    names = order_names(view, model)
    token = f"-?{_alternatives(names)}"
    return {
        "type": "string",
        # `random` is not in the pattern: it does not combine with `search`, which OpenAPI
        # cannot say of two parameters.
        "pattern": rf"^{token}(?:,{token})*$",
        "maxLength": 1000,
        "description": "Fields to order by, `-` first for descending: "
        + ", ".join(f"`{name}`" for name in names)
        + ". Also `random`, but not with `search`.",
    }


def _property(parameter):
    entry = parameter.openapi()
    return {**entry["schema"], "description": entry["description"]}


def page_type_parameter(view, filter_parameters):
    """The pages endpoint's `type` with the parameters that depend on it: one object per page
    type ({"type", its filters, "fields", "order"}), and one without `type` (any page)."""
    branches = [
        {
            "type": "object",
            "title": "AnyPage",
            "description": "Pages of every type: no type-specific filter, field or order.",
            "properties": {"fields": fields_schema(view, Page), "order": order_schema(view, Page)},
            "additionalProperties": False,
        }
    ]
    for model in api_page_models():
        label = model._meta.label
        names, _apply = PAGE_FILTERS.get(model, (frozenset(), None))
        properties = {"type": {"type": "string", "enum": [label], "description": "Page type."}}
        for name in sorted(names):
            properties[name] = _property(filter_parameters[name])
        properties["fields"] = fields_schema(view, model)
        properties["order"] = order_schema(view, model)
        branches.append(
            {
                "type": "object",
                "title": f"{model.__name__}Query",
                "description": f"`type={label}` and what it takes.",
                "properties": properties,
                "required": ["type"],
                "additionalProperties": False,
            }
        )
    # Every property once, for clients that build one object of it (openapi-python-client
    # makes one model and sends its properties as parameters); the branches, under allOf, say
    # which combinations the server takes.
    properties = {}
    for branch in branches:
        for name, schema in branch["properties"].items():
            if name == "type":
                properties.setdefault(name, {**schema, "enum": []})["enum"] += schema["enum"]
            elif name in ("fields", "order"):
                properties[name] = {"type": "string", "description": schema["description"]}
            else:
                properties.setdefault(name, schema)
    return {
        "name": "page_type",
        "in": "query",
        "style": "form",
        "explode": True,
        "description": (
            "`type` (a page type) and what depends on it: the type's filters, `fields` and "
            "`order`, each sent as a parameter of its own (`?type=knowledge.InitiativePage"
            "&sdg=11,13&fields=*`). Several values of a filter, separated by commas, mean OR; "
            "different filters combine with AND."
        ),
        "schema": {
            "type": "object",
            "title": "PageQuery",
            "properties": properties,
            "additionalProperties": False,
            "allOf": [{"oneOf": branches}],
        },
    }
