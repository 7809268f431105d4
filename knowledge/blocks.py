"""StreamField blocks for the "further information and media" section of an initiative."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


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
    document = DocumentChooserBlock(label=_("document"))
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
    image = ImageBlock(label=_("Image"), template="knowledge/blocks/image_block.html")
    video = VideoBlock()
    document = DocumentBlock()
    link = LinkBlock()
