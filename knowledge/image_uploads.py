"""Image uploads refused on their pixel count before anything decodes them.

Wagtail's image field refuses images above WAGTAILIMAGES_MAX_IMAGE_PIXELS, but counts the
pixels through Willow, which decodes the whole image first: a 120 KB PNG of 121 million pixels
took 300 MB of the worker to be refused. The size is in the file's header; Pillow reads it
without decoding. Used by My City's form and, through WAGTAILIMAGES_IMAGE_FORM_BASE
(knowledge.image_forms), by every image form of the admin (upload, multiple upload, chooser,
editing).
"""

from django.core.exceptions import ValidationError
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


class BoundedImageField(WagtailImageField):
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
