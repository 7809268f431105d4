"""Caching of what anonymous visitors and partner sites read, and its invalidation.

Anonymous GET requests (no session or messages cookie, no Authorization header) answered 200
are public: they get `Cache-Control: public, max-age, s-maxage`, an `ETag` and a `Last-Modified`
(the time of the last content change) and `X-Cache-Tags` naming what they show, for Varnish to
ban by tag. With `RESPONSE_CACHE_SECONDS` set they are also kept in the application cache
(Redis when `REDIS_URL` is set), under keys that carry the content version: any change of
public content starts a new version, so every process stops reading older entries at once.

Tags: every public response has `all`; a page's HTML and its API detail have `page-<id>`;
everything that lists pages (listings, search, feeds, index and city pages, the API's
listings) has `listing`. Publishing an initiative, event, webinar or partner bans its pages in
every language and `listing`; any other change (index pages, which appear in menus, snippets,
images, privacy) bans `all`.
"""

import hashlib
import logging
import math
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import (
    get_cache_key,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_KEY = "usdg:content-version"
TAGS_HEADER = "X-Cache-Tags"
TAG = re.compile(r"^[a-z0-9-]+$")
API_PAGE_DETAIL = re.compile(r"^/api/v2/pages/(\d+)/$")

# Page types shown on pages of their own and in listings, but not in menus: publishing one
# needs only its own pages and the listings purged.
DETAIL_PAGE_MODELS = frozenset(
    {"knowledge.initiativepage", "pages.eventpage", "pages.webinarpage", "pages.partnerpage"}
)


def content_version():
    """The time of the last change of public content, shared by every process."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time(), None)
        version = cache.get(VERSION_KEY, time.time())
    return version


def _bump_version():
    cache.set(VERSION_KEY, max(time.time(), content_version() + 0.001), None)


def content_changed(*, pages=(), everything=False):
    """Public content changed: after the commit, start a new content version and ban the
    front caches' copies of the given pages and of every listing (or of everything)."""
    tags = {"all"} if everything else {"listing", *(f"page-{pk}" for pk in pages)}

    def invalidate():
        _bump_version()
        if settings.WAGTAILFRONTENDCACHE:
            from .tasks import ban_cache_tags

            ban_cache_tags.enqueue(sorted(tags))

    transaction.on_commit(invalidate)


def page_changed(page):
    """A page was published, unpublished, moved or deleted."""
    model = page.specific_class or type(page)
    if model._meta.label_lower not in DETAIL_PAGE_MODELS:
        content_changed(everything=True)
        return
    from wagtail.models import Page

    translations = set(
        Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    )
    content_changed(pages=translations | {page.pk})


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


def response_tags(request):
    tags = ["all"]
    page = getattr(request, "cache_page", None)
    if page is not None:
        tags.append(f"page-{page.pk}")
        if page._meta.label_lower not in DETAIL_PAGE_MODELS:
            tags.append("listing")
    elif match := API_PAGE_DETAIL.match(request.path_info):
        tags.append(f"page-{match[1]}")
    else:
        tags.append("listing")
    return ",".join(tags)


def _etag(request, version):
    """A validator of what this address shows while content stays at this version.

    Not a hash of the bytes: pages hold a signed time stamp in their forms, so two renderings
    of unchanged content differ. Content that changes with time alone (upcoming events) is
    covered by the period of front caches, which the validator changes with.
    """
    period = int(time.time() // max(settings.CACHE_SHARED_MAX_AGE, 1))
    language = request.headers.get("Accept-Language", "")[:2]
    source = f"{version:.3f}|{period}|{request.get_full_path()}|{language}"
    return f'W/"{hashlib.sha256(source.encode()).hexdigest()[:32]}"'


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
        version = content_version()
        prefix = f"usdg-response.{version:.3f}"
        if timeout:
            key = get_cache_key(request, prefix, "GET", cache=cache)
            cached = cache.get(key) if key else None
            if cached is not None:
                return cached

        response = self.get_response(request)
        if not _is_public(response):
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.CACHE_MAX_AGE,
                s_maxage=settings.CACHE_SHARED_MAX_AGE,
            )
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(math.ceil(version))
        if request.path_info.startswith("/api/"):
            # Labels and messages follow the visitor's language when no locale is asked for.
            patch_vary_headers(response, ("Accept-Language",))
        response[TAGS_HEADER] = response_tags(request)
        if not response.has_header("ETag"):
            response["ETag"] = _etag(request, version)
        if timeout and request.method == "GET":
            key = learn_cache_key(request, response, timeout, prefix, cache=cache)
            cache.set(key, response, timeout)
        return response
