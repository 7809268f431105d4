"""Image uploads refused on their pixel count before anything decodes them.

Wagtail's image field refuses images above WAGTAILIMAGES_MAX_IMAGE_PIXELS, but counts the
pixels through Willow, which decodes the whole image first: a 120 KB PNG of 121 million pixels
took 300 MB of the worker to be refused. The size is in the file's header; Pillow reads it
without decoding. Used by My City's form and, through WAGTAILIMAGES_IMAGE_FORM_BASE
(knowledge.uploads.image_forms), by every image form of the admin (upload, multiple upload, chooser,
editing).
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField

from PIL import Image, UnidentifiedImageError


def _header_pixels(upload):
    """width × height from the file's header, None when Pillow cannot tell, or "unknown" when
    Pillow itself finds it too large to open."""
    try:
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        return "unknown"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)
    return width * height


def _limits(field, own_help_text):
    limits = gettext(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ) % {
        "supported_formats": field.supported_formats_text,
        "max_upload_size": filesizeformat(field.max_upload_size),
    }
    return f"{own_help_text} {limits}" if own_help_text else limits


def _too_large(field):
    return gettext("This file is too big. Maximum filesize %(max_filesize)s.") % {
        "max_filesize": filesizeformat(field.max_upload_size)
    }


def _wrong_format(field):
    return gettext("Not a supported image format. Supported formats: %(supported_formats)s.") % {
        "supported_formats": field.supported_formats_text
    }


class BoundedImageField(WagtailImageField):
    """Wagtail's image field, refusing on the pixel count read from the header, and with its
    help text and messages in the reader's language: Wagtail's field fills them in when the
    form class is defined, in the language active then (English), and replaces any help text
    given to it."""

    def __init__(self, *args, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_upload_size is not None:
            self.help_text = lazy(_limits, str)(self, help_text)
            self.error_messages["file_too_large_unknown_size"] = lazy(_too_large, str)(self)
        else:
            self.help_text = help_text or ""
        self.error_messages["invalid_image_extension"] = lazy(_wrong_format, str)(self)

    def to_python(self, data):
        if data and self.max_image_pixels and hasattr(data, "read"):
            pixels = _header_pixels(data)
            if pixels == "unknown" or (pixels is not None and pixels > self.max_image_pixels):
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {
                        "num_pixels": pixels if pixels != "unknown" else _("unknown number"),
                        "max_pixels_count": self.max_image_pixels,
                    },
                    code="file_too_many_pixels",
                )
        return super().to_python(data)
