"""The permission-checked view of private files: /media-private/<name>, the URL of every image,
rendition and document stored privately, and the same check for /documents/<id>/<name>."""

import posixpath

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseForbidden
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import BaseViewRestriction

from . import names, serving
from .access import may_fetch, upload_for


def forbidden():
    response = HttpResponseForbidden(
        _("You are not allowed to open this file."), content_type="text/plain; charset=utf-8"
    )
    # The answer depends on who asks: no shared cache keeps it.
    response["Cache-Control"] = "private, no-store"
    return response


def private_media(request, path):
    if "\x00" in path:  # no stored name has one, and PostgreSQL cannot compare with it
        raise Http404
    name = names.PRIVATE_PREFIX + path
    upload = upload_for(name)
    if upload is None:
        raise Http404
    if not may_fetch(request, upload):
        return forbidden()
    if posixpath.dirname(names.public_part(name)) == "documents":
        return serve_document(upload)
    return serving.serve(default_storage, name)


def serve_document(document):
    """A document as a download named after its title (its stored name is random)."""
    return serving.serve(
        default_storage,
        document.file.name,
        filename=download_name(document),
        attachment=document.content_disposition != "inline",
        content_type=document.content_type,
    )


def download_name(document):
    extension = names.extension(document.file.name)
    title = document.title.strip() or "document"
    if extension and not title.lower().endswith(extension):
        title += extension
    return title


def document(request, document_id, document_filename):
    """/documents/<id>/<name>, the URL of every document, before Wagtail's view of it: every
    document is served here under its title rather than its random stored name; a private one
    only to those allowed and refused (403) to everyone else, where Wagtail would send them to
    the sign-in page. Wagtail's own view still answers a password-protected collection (with
    its password form) and a file not yet moved to the private location."""
    upload = get_document_model().objects.select_related("collection").filter(pk=document_id)
    upload = upload.first()
    if upload is None or upload.filename != document_filename:
        raise Http404
    restrictions = list(upload.collection.get_view_restrictions())
    if names.is_private(upload.file.name):
        if not may_fetch(request, upload):
            if any(r.restriction_type == BaseViewRestriction.PASSWORD for r in restrictions):
                return wagtail_serve(request, document_id, document_filename)
            return forbidden()
    elif restrictions:
        return wagtail_serve(request, document_id, document_filename)
    document_served.send(sender=type(upload), instance=upload, request=request)
    return serve_document(upload)
