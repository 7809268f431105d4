"""The response that hands a private file to a request already allowed to have it.

On the file system the web server sends the file when it offers to (nginx's X-Accel-Redirect to
an `internal` location, PRIVATE_MEDIA_ACCEL_PREFIX; X-Sendfile, PRIVATE_MEDIA_X_SENDFILE);
otherwise the app streams it. In a bucket the answer is a redirect to a signed URL that works
for PRIVATE_MEDIA_URL_EXPIRY seconds. Nobody keeps a copy: `Cache-Control: private, no-store`.
"""

import mimetypes
import os
import posixpath
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from .conf import setting


def serve(storage, name, *, filename=None, attachment=False, content_type=None):
    """A response with the file `name` of `storage` (a files.storage routing storage)."""
    store, inner, private = storage.locate(name)
    filename = filename or posixpath.basename(name)
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(attachment, filename)
    try:
        path = store.path(inner)
    except NotImplementedError:
        path = None
    if path is None:
        if not store.exists(inner):
            raise Http404
        response = HttpResponseRedirect(
            store.url(
                inner,
                parameters={
                    "ResponseContentDisposition": disposition,
                    "ResponseContentType": content_type,
                },
                expire=setting("PRIVATE_MEDIA_URL_EXPIRY"),
            )
        )
    else:
        if not os.path.isfile(path):
            raise Http404
        if private and setting("PRIVATE_MEDIA_ACCEL_PREFIX"):
            response = HttpResponse(content_type=content_type)
            prefix = setting("PRIVATE_MEDIA_ACCEL_PREFIX").rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(inner)}"
        elif private and setting("PRIVATE_MEDIA_X_SENDFILE"):
            response = HttpResponse(content_type=content_type)
            response["X-Sendfile"] = path
        else:
            response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # A document opened in the browser (HTML, SVG) runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
