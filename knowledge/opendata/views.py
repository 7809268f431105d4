"""The open-data downloads at /opendata/ (no language in the path): the files and a page that
lists them. Everything in them is public, so every visitor may read them."""

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from ..base import cache_tags
from . import files as opendata

CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}
CACHE_CONTROL = "public, max-age=300"


@require_safe
def index(request):
    cache_tags.add("opendata")
    manifest = opendata.current_manifest()
    files = [
        {
            "kind": kind,
            "url": reverse(f"opendata_{kind}"),
            "filename": file.name.rsplit("/", 1)[-1],
            "size": file.size,
            "rows": file.rows,
        }
        for kind, file in manifest.files.items()
    ]
    fields = [
        {"key": key, "column": column, "description": description}
        for key, column, description in opendata.FIELDS
    ]
    response = render(
        request,
        "knowledge/opendata.html",
        {"files": files, "fields": fields, "generated_at": manifest.generated_at},
    )
    # The page is in the visitor's language, chosen from these headers (the path has none).
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def download(request, kind):
    manifest = opendata.current_manifest()
    last_modified = int(manifest.generated_at.timestamp())
    response = get_conditional_response(request, last_modified=last_modified)
    if response is None:
        name = manifest.files[kind].name
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError:
            # The manifest outlived its files (storage emptied by hand): make them again.
            manifest = opendata.export()
            last_modified = int(manifest.generated_at.timestamp())
            handle = default_storage.open(name, "rb")
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
            content_type=CONTENT_TYPES[kind],
        )
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    # A file is streamed, which the response cache leaves alone: Varnish keeps it under this tag,
    # purged when the files are made again.
    response[cache_tags.HEADER] = "all,opendata"
    return response
