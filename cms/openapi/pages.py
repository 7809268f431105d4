"""Typed schemas of the page types and of their StreamField blocks.

Each page type exposed by the API gets a schema of its own, built from its `api_fields`: a field
without a schema here, or a block type without a translation into JSON Schema, fails at once
(tests build the document), so the schema cannot fall behind the models. `meta.type` is an enum
of one value per page type: it tells the types apart (OpenAPI 3.0's discriminator cannot point
into a nested object), and `Page` is one of them.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from knowledge.blocks import PublicDocumentChooserBlock, PublicImageBlock
from library.choices import ItemKind

from .common import (
    DATETIME,
    HTML,
    NULLABLE_DATETIME,
    NULLABLE_STRING,
    SCHEMAS,
    _array,
    _nullable,
    _object,
    _ref,
)

# The shapes the page fields share, by field name.
FIELD_SCHEMAS = {
    "intro": {"type": "string"},
    "summary": {"type": "string"},
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
    "policy_url": {"type": "string"},
    "website": {"type": "string"},
    "start_year": {"type": "integer", "nullable": True},
    "end_year": {"type": "integer", "nullable": True},
    "status": {"type": "string"},
    "implementing_agencies": {"type": "string", "description": "One per line."},
    "partners": {"type": "string", "description": "One per line."},
    "contact": _nullable("Contact"),
    "replication": _object(
        {"replicated": {"type": "integer"}, "interested": {"type": "integer"}},
        ["replicated", "interested"],
    ),
    "city": _nullable("City"),
    "country": _nullable("Country"),
    "region": {"type": "string"},
    "population": {"type": "integer", "nullable": True},
    "latitude": NULLABLE_STRING,
    "longitude": NULLABLE_STRING,
    "social_accounts": _array(_ref("SocialAccount")),
    "focal_points": _array(_ref("Person")),
    "start": DATETIME,
    "end": NULLABLE_DATETIME,
    "duration": {"type": "integer", "nullable": True, "description": "Minutes."},
    "time_zone": {"type": "string", "description": "IANA time zone name."},
    "attendance": {"type": "string", "enum": ["in-person", "online", "hybrid"]},
    "venue": {"type": "string"},
    "city_name": {"type": "string", "description": "Name of the city or town."},
    "registration_url": {"type": "string"},
    "organisers": _array(_ref("RelatedPage")),
    "case_studies": _array(_ref("RelatedPage")),
    "speakers": _array(_ref("Speaker")),
    "video_url": {"type": "string"},
    "recording_url": {"type": "string"},
    "slides": _nullable("NestedDocument"),
    "kind": {"type": "string"},
    "code": {"type": "string"},
    "publisher": {"type": "string"},
    "year": {"type": "integer", "nullable": True},
    "languages": _array(_ref("Language")),
    "document": _nullable("DocumentLink"),
    "link": {"type": "string"},
    "abstract": HTML,
    "criteria": _array({"type": "string", "description": "A certification criterion code."}),
    "translations": _ref("Translations"),
}
# Where one type's field differs from the shared shape.
TYPE_FIELD_SCHEMAS = {
    ("library.LibraryItemPage", "kind"): {"type": "string", "enum": list(ItemKind.values)},
    ("pages.EventPage", "city"): {
        "type": "string",
        "deprecated": True,
        "description": (
            "The same as `city_name`, kept until 30 June 2027 and then removed. Everywhere "
            "else `city` is a City object."
        ),
    },
}

SCHEMAS.update(
    {
        "Contact": _object({"name": {"type": "string"}, "role": {"type": "string"}}, ["name"]),
        "Person": _object({"name": {"type": "string"}, "role": {"type": "string"}}, ["name"]),
        "SocialAccount": _object(
            {"network": {"type": "string"}, "url": {"type": "string"}}, ["network", "url"]
        ),
        "Speaker": _object(
            {
                "name": {"type": "string"},
                "position": {"type": "string"},
                "organisation": {"type": "string"},
                "city": {"type": "integer", "nullable": True, "description": "City page id."},
            },
            ["name", "position", "organisation", "city"],
        ),
        "NestedDocument": _object(
            {
                "id": {"type": "integer"},
                "meta": _object(
                    {
                        "type": {"type": "string"},
                        "detail_url": {"type": "string"},
                        "download_url": {"type": "string"},
                    },
                    ["type"],
                ),
                "title": {"type": "string"},
            },
            ["id", "meta"],
        ),
        "Language": _object(
            {"code": {"type": "string"}, "name": {"type": "string"}}, ["code", "name"]
        ),
        "DocumentLink": _object(
            {"id": {"type": "integer"}, "title": {"type": "string"}, "url": {"type": "string"}},
            ["id", "title", "url"],
        ),
    }
)


# {"type": …, "value": …, "id": …} of each block type of each stream, by schema name.
BLOCK_SCHEMAS = {}


def block_schema(block):
    """The JSON Schema of a block's value in the API."""
    if isinstance(block, PublicImageBlock):
        return _nullable("Rendition")
    if isinstance(block, PublicDocumentChooserBlock):
        return _nullable("DocumentLink")
    if isinstance(block, EmbedBlock):
        return {"type": "string", "description": "Address of the video or other media."}
    if isinstance(block, blocks.RichTextBlock):
        return HTML
    if isinstance(block, blocks.ChoiceBlock):
        return {"type": "string", "enum": [str(value) for value, _label in block.field.choices]}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.IntegerBlock):
        return {"type": "integer", "nullable": True}
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock, blocks.URLBlock)):
        return {"type": "string"}
    if isinstance(block, blocks.StreamBlock):
        return _array({"oneOf": [_ref(_stream_child(block, name)) for name in block.child_blocks]})
    if isinstance(block, blocks.StructBlock):
        properties = {name: block_schema(child) for name, child in block.child_blocks.items()}
        schema = _object(properties, list(properties))
        name = type(block).__name__
        if name == "StructBlock":
            return schema
        BLOCK_SCHEMAS.setdefault(name, schema)
        return _ref(name)
    if isinstance(block, blocks.ListBlock):
        return _array(block_schema(block.child_block))
    raise TypeError(f"No API schema for the block {type(block).__name__}")


def _stream_child(stream_block, name):
    """Registers {"type": name, "value": …, "id": …} of one block type of a stream; its name."""
    schema_name = type(stream_block).__name__ + name.title().replace("_", "")
    if schema_name not in BLOCK_SCHEMAS:
        BLOCK_SCHEMAS[schema_name] = _object(
            {
                "type": {"type": "string", "enum": [name]},
                "value": block_schema(stream_block.child_blocks[name]),
                "id": {"type": "string"},
            },
            ["type", "value", "id"],
        )
    return schema_name


def _field_schema(model, label, name):
    if (label, name) in TYPE_FIELD_SCHEMAS:
        return TYPE_FIELD_SCHEMAS[(label, name)]
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a serializer field of its own
        field = None
    if isinstance(field, StreamField):
        return block_schema(field.stream_block)
    return FIELD_SCHEMAS[name]


def _meta_schema(label):
    meta = SCHEMAS["PageMeta"]
    properties = {**meta["properties"], "type": {"type": "string", "enum": [label]}}
    return _object(properties, meta["required"])


def api_page_models():
    return [model for model in get_page_models() if getattr(model, "api_fields", None)]


@functools.cache
def page_schemas():
    """{"InitiativePage": schema, …, "Page": one of them} and the blocks' schemas. Every field
    is optional (`fields` chooses them), and no other is allowed."""
    schemas = {}
    for model in api_page_models():
        label = model._meta.label
        properties = {
            "id": {"type": "integer"},
            "meta": _meta_schema(label),
            "title": {"type": "string"},
        }
        for api_field in model.api_fields:
            properties[api_field.name] = _field_schema(model, label, api_field.name)
        schema = _object(properties, ["id", "meta"])
        with translation.override("en"):
            schema["description"] = f"`{label}`: {model._meta.verbose_name}."
        schemas[model.__name__] = schema
    schemas["Page"] = {
        "oneOf": [_ref(name) for name in schemas],
        "description": "A page of any type; `meta.type` says which.",
    }
    schemas["PageListing"] = _object(
        {"meta": _ref("ListingMeta"), "items": _array(_ref("Page"))}, ["meta", "items"]
    )
    return {**schemas, **BLOCK_SCHEMAS}
