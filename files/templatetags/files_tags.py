"""Template filters about uploads."""

from django import template

from files import names

register = template.Library()


@register.filter
def shown_on(upload, request):
    """Whether a page may show this image or document: when its file is public, or in a
    preview (the private file's URL then answers only those allowed to see it). Pages are
    cached for every visitor, so a private upload is left out for everyone else."""
    if upload is None or not upload.file:
        return False
    if not names.is_private(upload.file.name):
        return True
    return bool(getattr(request, "is_preview", False))
