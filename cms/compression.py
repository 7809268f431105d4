"""Compressed HTML, JSON and feeds from the application itself (Varnish compresses too, but the
site also runs without it).

BREACH: an attacker who can reflect text into a compressed response and watch its size can guess a
secret in the same response. Django masks the CSRF token anew on every response and GZipMiddleware
pads each body with a random-length gzip header ("Heal the BREACH"), which covers the anonymous
pages: they carry no other secret. Responses to a signed-in member can carry more (focal points'
addresses, recovery codes, a second factor's key), so they stay uncompressed.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = (
    "text/html",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/calendar",
)


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if response.streaming:  # files and exports: served as they are
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)
