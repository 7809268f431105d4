from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from knowledge.blocks import PublicImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "pages/blocks/heading_block.html"


class BodyBlock(blocks.StreamBlock):
    """Free-form content shared by editorial page types."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = PublicImageBlock(label=_("Image"))
