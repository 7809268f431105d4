"""Fetching a file address as a browser would: from the site, from the web server that serves
MEDIA_ROOT as it is (production does; here Django's static view stands in for it), or from the
bucket. Redirects of the site to the bucket are followed."""

import posixpath

from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve

import requests

from files import names

SITE = "http://testserver"


def in_bucket(url):
    endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", None)
    return bool(getattr(settings, "AWS_STORAGE_BUCKET_NAME", "")) and url.startswith(endpoint)


def _content(response):
    # The test client closes what it streamed once it is read (closing a response here would
    # also close the database connection, as at the end of a request).
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetch(client, url):
    """(status code, body) of `url` for the user of `client`."""
    if in_bucket(url):
        response = requests.get(url, timeout=10)
        return response.status_code, response.content
    url = url.removeprefix(SITE)
    if url.startswith(settings.MEDIA_URL):
        try:
            response = serve(
                RequestFactory().get(url),
                url[len(settings.MEDIA_URL) :],
                document_root=settings.MEDIA_ROOT,
            )
        except Http404:
            return 404, b""
        with response.file_to_stream:
            return response.status_code, response.file_to_stream.read()
    response = client.get(url)
    if response.status_code == 302 and in_bucket(response["Location"]):
        return fetch(client, response["Location"])
    return response.status_code, _content(response)


def guessable(name, prefix=""):
    """Addresses where someone who knows or guesses the stored name `name` might find the file:
    under the public media URL or the bucket's root, with and without the private prefix and
    mark. `prefix` is the storage's folder (evidence)."""
    inner = names.public_part(name)
    folder, base = posixpath.split(inner)
    unmarked = posixpath.join(folder, base.removeprefix(names.PRIVATE_MARK))
    keys = {name, inner, unmarked}
    if prefix:
        keys |= {f"{prefix}/{key}" for key in keys} | {f"private/{prefix}/{inner}"}
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        base_url = f"{settings.AWS_S3_ENDPOINT_URL}/{settings.AWS_STORAGE_BUCKET_NAME}/"
    else:
        base_url = settings.MEDIA_URL
    return sorted(base_url + key for key in keys)
