"""The images and documents of the pages of one API response, loaded together.

Wagtail turns each page's stream into Python values on its own, so a listing of 50 pages with
images in their bodies would cost a query per page, plus one per rendition. `StreamObjects`
loads, in one query per model, the images of the pages' image fields and the images and
documents chosen in their StreamFields, with the API's renditions and whether each sits in a
private collection. The API view hands it to `use(...)` while serializing; the chooser blocks of
knowledge.blocks look there first.
"""

import contextlib
import copy
from contextvars import ContextVar

from django.db.models import Exists, ForeignKey, OuterRef
from django.db.models.functions import Length, Substr

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from .serializers import IMAGE_RENDITIONS

# Renditions of images in StreamFields (the API and the page templates).
STREAM_IMAGE = "max-1200x1200"

_current = ContextVar("stream_objects", default=None)


@contextlib.contextmanager
def use(stream_objects):
    token = _current.set(stream_objects)
    try:
        yield
    finally:
        _current.reset(token)


def prefetched(model, ids):
    """The instances of `model` for these ids, in order (None kept), from the response's bulk
    load; None when there is none or it lacks one of them."""
    source = _current.get()
    if source is None:
        return None
    objects = source.objects(model)
    if any(pk is not None and pk not in objects for pk in ids):
        return None
    # A copy per use: ImageBlock writes the block's alt text onto the instance.
    return [copy.copy(objects[pk]) if pk is not None else None for pk in ids]


def in_private_collection():
    """An annotation: whether the row's collection, or one of its ancestors, has a view
    restriction (Wagtail's get_restricted_collection_ids costs a query per restriction)."""
    from wagtail.models import CollectionViewRestriction

    return Exists(
        CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef("collection__path"), 1, Length("collection__path"))
        )
    )


class StreamObjects:
    """Loads at once, and sets the pages' image fields to the loaded images."""

    def __init__(self, pages):
        image_model, document_model = get_image_model(), get_document_model()
        ids = {}
        image_fields = []
        for page in pages:
            for field in page._meta.get_fields():
                if isinstance(field, StreamField):
                    _collect(field.stream_block, list(getattr(page, field.name).raw_data), ids)
                elif isinstance(field, ForeignKey) and field.related_model is image_model:
                    if getattr(page, field.attname) is not None:
                        ids.setdefault(image_model, set()).add(getattr(page, field.attname))
                        image_fields.append((page, field))
        self.loaded = {}
        if ids.get(image_model):
            images = image_model.objects.prefetch_renditions(*IMAGE_RENDITIONS, STREAM_IMAGE)
            images = images.annotate(in_private_collection=in_private_collection())
            self.loaded[image_model] = images.in_bulk(ids[image_model])
        if ids.get(document_model):
            documents = document_model.objects.annotate(
                in_private_collection=in_private_collection()
            )
            self.loaded[document_model] = documents.in_bulk(ids[document_model])
        for page, field in image_fields:
            image = self.loaded[image_model].get(getattr(page, field.attname))
            if image is not None:
                setattr(page, field.name, image)

    def objects(self, model):
        return self.loaded.get(model, {})


def _collect(block, raw, ids):
    """Add to `ids` ({model: set of pks}) the images and documents chosen in a raw value."""
    if raw is None:
        return
    if isinstance(block, ImageBlock):
        pk = raw.get("image") if isinstance(raw, dict) else raw
        if pk is not None:
            ids.setdefault(get_image_model(), set()).add(pk)
    elif isinstance(block, blocks.ChooserBlock):
        if block.model_class in (get_image_model(), get_document_model()):
            ids.setdefault(block.model_class, set()).add(raw)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                _collect(child, item.get("value"), ids)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                _collect(child, raw[name], ids)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _collect(block.child_block, value, ids)
