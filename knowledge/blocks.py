"""StreamField blocks for the "further information and media" section of an initiative, and the
image and document choosers every StreamField uses.

In the API an image block is a rendition with width, height and alt text, and a document its id,
title and absolute address, not bare ids (wagtail #2087). Both read the images and documents the
API view loaded for the whole response (knowledge.base.stream_objects).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.api.utils import get_base_url
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from .base.stream_objects import STREAM_IMAGE, in_private_collection, prefetched


def _is_public(item):
    """Whether the image or document sits outside every collection with a view restriction:
    as loaded with the response (knowledge.base.stream_objects), or asked for on its own."""
    private = getattr(item, "in_private_collection", None)
    if private is None:
        private = type(item).objects.filter(pk=item.pk).filter(in_private_collection()).exists()
    return not private


class _PrefetchedChooserMixin:
    def bulk_to_python(self, values):
        values = list(values)
        found = prefetched(self.model_class, values)
        return found if found is not None else super().bulk_to_python(values)


class PublicImageChooserBlock(_PrefetchedChooserMixin, ImageChooserBlock):
    pass


class PublicImageBlock(ImageBlock):
    """Wagtail's ImageBlock (alt text or decorative); in the API, a rendition:
    {"url", "full_url", "width", "height", "alt"}, or null when the image is gone or private."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = PublicImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser

    def get_api_representation(self, value, context=None):
        if value is None or not _is_public(value):
            return None
        try:
            rendition = value.get_rendition(STREAM_IMAGE)
        except OSError:  # SourceImageIOError: the original file is missing
            return None
        return {
            "url": rendition.url,
            "full_url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": "" if value.decorative else (value.contextual_alt_text or ""),
        }


class PublicDocumentChooserBlock(_PrefetchedChooserMixin, DocumentChooserBlock):
    """In the API: {"id", "title", "url"} with an absolute address, or null when the document is
    gone or private."""

    def get_api_representation(self, value, context=None):
        if value is None or not _is_public(value):
            return None
        url = value.url
        request = (context or {}).get("request")
        if url.startswith("/") and request is not None:
            url = get_base_url(request).rstrip("/") + url
        return {"id": value.pk, "title": value.title, "url": url}


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "knowledge/blocks/link_block.html"


class VideoBlock(blocks.StructBlock):
    """A video: embedded when its provider answers, a plain link otherwise."""

    video = EmbedBlock(label=_("video address"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "knowledge/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = PublicDocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "knowledge/blocks/document_block.html"


class MediaBlock(blocks.StreamBlock):
    image = PublicImageBlock(label=_("Image"), template="knowledge/blocks/image_block.html")
    video = VideoBlock()
    document = DocumentBlock()
    link = LinkBlock()
