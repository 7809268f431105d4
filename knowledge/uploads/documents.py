"""Uploaded documents are checked before they are kept: the extension is one the document library
accepts, the size within its limit, and the content what the extension says (a PDF that is a PDF),
so that nobody is served an executable under a harmless name."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import filetype

# Binary document formats and the content types their files must really contain.
DOCUMENT_SIGNATURES = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    "xlsx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    "pptx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    },
    "odt": {"application/zip", "application/vnd.oasis.opendocument.text"},
    "zip": {"application/zip"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
}
TEXT_DOCUMENTS = {"csv", "txt", "rtf"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several documents at once, each checked for type, size and content."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [check_document(super(MultipleDocumentField, self).clean(f, initial)) for f in files]


def check_document(upload, allowed=None, limit=None):
    """`upload` if its extension is `allowed` (default: the document library's), it is within
    `limit` bytes and its content is what the extension says; else a ValidationError."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if allowed is None:
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", [])
    if extension not in allowed:
        raise forms.ValidationError(
            _("“%(name)s” is not an accepted document. Accepted: %(types)s.")
            % {"name": upload.name, "types": ", ".join(allowed)}
        )
    if limit is None:
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise forms.ValidationError(
            _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            }
        )
    head = upload.read(8192)
    upload.seek(0)
    if extension in DOCUMENT_SIGNATURES:
        kind = filetype.guess(head)
        if kind is None or kind.mime not in DOCUMENT_SIGNATURES[extension]:
            raise forms.ValidationError(
                _("“%(name)s” does not contain what its name says (.%(extension)s).")
                % {"name": upload.name, "extension": extension}
            )
    elif extension in TEXT_DOCUMENTS:
        if b"\x00" in head or (extension == "rtf" and not head.startswith(b"{\\rtf")):
            raise forms.ValidationError(
                _("“%(name)s” does not contain what its name says (.%(extension)s).")
                % {"name": upload.name, "extension": extension}
            )
    return upload
