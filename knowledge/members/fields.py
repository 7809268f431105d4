"""Form fields of My City's upload form that Django does not have: rich text typed as limited HTML
and cleaned by Wagtail's own converter, and a video address checked against the embed finders."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.embeds.finders import get_finders
from wagtail.fields import RichTextMaxLengthValidator

from bs4 import BeautifulSoup

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|li|h[1-6]|div|br)\b", re.IGNORECASE)
# Elements dropped with their content; other unknown elements lose their tags, keep their text.
DROPPED_ELEMENTS = ("script", "style", "template", "noscript", "iframe", "object", "embed")


def paragraphs_of(text):
    """Text without block elements → <p> elements at blank lines, <br/> at line breaks."""
    parts = [part.strip() for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()]
    return "".join("<p>" + "<br/>".join(part.splitlines()) + "</p>" for part in parts)


class MemberRichTextField(forms.CharField):
    """A section of rich text in a textarea: the HTML of the model field's features (bold, italic,
    links, lists, headings), or plain text with blank lines between paragraphs.

    What comes in is cleaned by Wagtail's whitelist for those features (scripts, on* attributes
    and javascript: links go) and stored in Wagtail's database format; an initial value is shown
    in the editor format, so a section saved again comes back unchanged.
    """

    widget = forms.Textarea

    def __init__(self, *args, features=None, **kwargs):
        self.features = features
        super().__init__(*args, **kwargs)
        # The length of the text, without its tags (as in the admin's rich text fields).
        self.validators = [
            RichTextMaxLengthValidator(v.limit_value, message=v.message)
            if isinstance(v, MaxLengthValidator)
            else v
            for v in self.validators
        ]

    @property
    def converter(self):
        return EditorHTMLConverter(features=self.features)

    def prepare_value(self, value):
        # Links to pages and documents are stored by id: shown with their addresses.
        if isinstance(value, str):
            return self.converter.from_database_format(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return text
        if not BLOCK_TAG.search(text):
            text = paragraphs_of(text)
        document = BeautifulSoup(text, "html.parser")
        for element in document.find_all(DROPPED_ELEMENTS):
            element.decompose()
        html = self.converter.to_database_format(str(document))
        # Nothing but empty paragraphs left: an empty section.
        return html if BeautifulSoup(html, "html.parser").get_text(strip=True) else ""


def video_provider_accepts(url):
    """Whether one of the configured embed finders (oEmbed providers) knows this address; asks
    no provider over the network."""
    return any(finder.accept(url) for finder in get_finders())


class VideoURLField(forms.URLField):
    """The address of a video on a site Wagtail embeds (YouTube, Vimeo and the other oEmbed
    providers)."""

    default_error_messages = {
        "provider": _(
            "This is not the address of a video we can embed. Give the address of the video's "
            "page on YouTube, Vimeo or another video site."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)  # a well-formed address first
        if value and not video_provider_accepts(value):
            raise ValidationError(self.error_messages["provider"], code="provider")
        return value
