"""Caching of what anonymous visitors and partner sites read.

Anonymous GET requests (none of the CACHE_BYPASS_COOKIES, no Authorization header) answered 200
are public: they get `Cache-Control: public, max-age, s-maxage`, an `ETag`, a `Last-Modified`
and `X-Cache-Tags` naming what they show (knowledge.base.cache_tags), for Varnish to ban by tag.
With `RESPONSE_CACHE_SECONDS` set they are also kept in the application cache (Redis when
`REDIS_URL` is set), one copy per address (and, for the API, per language and format): other
cookies a visitor carries are not part of the key, and one address keeps at most
`RESPONSE_CACHE_VARIANTS` query strings at a time.

A copy is served only while none of its tags was purged since its rendering began
(cms.invalidation purges after each commit); a response during whose rendering one of its tags
was purged is served to its reader but kept by no cache.

Tags: every public response has `all`; HTML has `menu`; a page has `page-<id>` and what its type
declares; a response that names nothing has `list-page`, which any publication purges.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import has_vary_header, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from knowledge.base import cache_tags

TAGS_HEADER = cache_tags.HEADER
KEY_PREFIX = "usdg-response:"
VARIANTS_PREFIX = "usdg-response-variants:"


def _is_anonymous_read(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(settings.CACHE_EXCLUDED_PATHS):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in settings.CACHE_BYPASS_COOKIES)


def _is_public(response):
    if response.streaming or response.status_code != 200 or response.cookies:
        return False
    if has_vary_header(response, "*"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _is_api(request):
    return request.path_info.startswith("/api/")


def _variant(request):
    """What besides the address changes the response: for the API, the language of labels and
    messages when no locale is asked for, and JSON or Django REST framework's HTML page."""
    if not _is_api(request):
        return ""
    language = translation.get_language_from_request(request)
    kind = "html" if "text/html" in request.headers.get("Accept", "") else "json"
    return f"{language}|{kind}"


def _digest(*parts):
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def response_key(request):
    return KEY_PREFIX + _digest(request.get_host(), request.get_full_path(), _variant(request))


def _may_keep_another_variant(request, timeout):
    """One address keeps at most RESPONSE_CACHE_VARIANTS query strings in the cache at a time,
    so that made-up parameters cannot fill it."""
    if not request.META.get("QUERY_STRING"):
        return True
    key = VARIANTS_PREFIX + _digest(request.get_host(), request.path_info)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key) <= settings.RESPONSE_CACHE_VARIANTS
    except ValueError:  # expired in between
        return False


def response_tags(request, response, collected):
    tags = set(collected) or {cache_tags.LIST_ALL}
    tags.add("all")
    if response.get("Content-Type", "").startswith("text/html"):
        tags.add("menu")
    return tags


def _etag(request, purged):
    """A validator of what this address shows while none of its tags is purged.

    Not a hash of the bytes: pages hold a signed time stamp in their forms, so two renderings
    of unchanged content differ. Content that changes with time alone (upcoming events) is
    covered by the period of front caches, which the validator changes with.
    """
    period = int(time.time() // max(settings.CACHE_SHARED_MAX_AGE, 1))
    source = f"{purged}|{period}|{request.get_full_path()}|{_variant(request)}"
    return f'W/"{_digest(source)[:32]}"'


def _cached(key):
    entry = cache.get(key)
    if entry is None:
        return None
    if cache_tags.last_purge(entry["tags"]) > entry["clock"]:
        return None
    return entry["response"]


class PublicCacheMiddleware:
    """Cache headers for anonymous responses, and the application cache of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_read(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
                # Signed-in pages: never kept by shared caches, revalidated by browsers.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        timeout = settings.RESPONSE_CACHE_SECONDS
        key = response_key(request) if timeout else None
        if key and (response := _cached(key)) is not None:
            return response

        started = cache_tags.clock()
        token = cache_tags.start()
        try:
            response = self.get_response(request)
        finally:
            collected = cache_tags.stop(token)
        if not _is_public(response):
            return response
        tags = response_tags(request, response, collected)
        purged = cache_tags.last_purge(tags)
        if purged > started:
            # What it shows changed while it was being made: for this reader only.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.CACHE_MAX_AGE,
                s_maxage=settings.CACHE_SHARED_MAX_AGE,
            )
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
        if _is_api(request):
            # Labels and messages follow the visitor's language when no locale is asked for.
            patch_vary_headers(response, ("Accept-Language",))
        response[TAGS_HEADER] = ",".join(sorted(tags))
        if not response.has_header("ETag"):
            response["ETag"] = _etag(request, purged)
        if key and request.method == "GET" and _may_keep_another_variant(request, timeout):
            cache.set(key, {"clock": started, "tags": sorted(tags), "response": response}, timeout)
        return response
