"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), apart from the field it uses: Wagtail's
image forms query collections when imported, which the page models' import cannot wait for."""

from wagtail.images.forms import BaseImageForm

from .images import BoundedImageField


class LibraryImageForm(BaseImageForm):
    """The admin's image form with the file checked by BoundedImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, BoundedImageField):
            bounded = BoundedImageField(
                label=field.label, required=field.required, help_text=field.help_text
            )
            bounded.widget.attrs.update(field.widget.attrs)
            self.fields["file"] = bounded
