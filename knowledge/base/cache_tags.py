"""Cache tags: what a response shows, so that a change drops exactly the copies that show it.

While a request is answered, the code that reads something public names it with `add()`: a page
(`page-<id>`), a listing of a page type (`list-<model>`, `list-page` for listings of every type),
the comments and replication records of an initiative (`interaction-<translation key>`), a
city's members (`city-<translation key>`), the certificates register (`certificates`)… The
response cache (cms.caching) keeps the tags with the copy and sends them to Varnish in
`X-Cache-Tags`; a change purges its tags (cms.invalidation) after the commit.

Purges are ordered by a clock shared by every process through the cache (Redis): a purge
advances the clock and records it against each tag. A copy records the clock from before
its rendering began, and is refused when any of its tags was purged since, so a response
rendered from the old state and stored after the purge is never served.

This module is the lowest layer: every app may name tags, and imports nothing of ours.
"""

import hashlib
import re
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Site

from ..conf import app_settings

TAG = re.compile(r"^[a-z0-9-]+$")
HEADER = "X-Cache-Tags"
CLOCK_KEY = "usdg:cache-clock"
TAG_KEY = "usdg:cache-tag:{}"
# A tag's purge time must outlive every copy made before it (RESPONSE_CACHE_SECONDS and the
# front caches' s-maxage are minutes); the clock outlives the tags.
TAG_SECONDS = 24 * 3600
CLOCK_SECONDS = 30 * 24 * 3600
FRAGMENT_KEY = "usdg:fragment:{}"

# Listings of every page type (search, the sitemap, index and home pages), purged by any
# publication; also what a response that names nothing carries.
LIST_ALL = "list-page"

_collected = ContextVar("usdg_cache_tags", default=None)


def page_tags(page):
    """A page's own tag and those its type declares in `cache_tags()` (e.g. an initiative's
    comments, which every translation shows). A type that declares none lists other pages (an
    index, the home page): it carries LIST_ALL."""
    declared = getattr(page, "cache_tags", None)
    return [f"page-{page.pk}", *(declared() if callable(declared) else [LIST_ALL])]


def list_tag(model):
    """The tag of listings of `model` (a page type, or Page for listings of every type)."""
    return f"list-{model._meta.model_name}"


def start():
    """Begin collecting the tags of one response; returns the token for `stop()`."""
    return _collected.set(set())


def stop(token):
    tags = _collected.get() or set()
    _collected.reset(token)
    return tags


def add(*tags):
    """Name what the response being made shows. Outside a request, nothing happens."""
    collected = _collected.get()
    if collected is None:
        return
    for tag in tags:
        if not TAG.match(tag):
            raise ValueError(f"Cache tags are lowercase words joined by hyphens: {tag!r}")
        collected.add(tag)


def _now():
    return time.time_ns() // 1_000_000


def clock():
    """The current value of the purge clock. It starts from the time in milliseconds, so that a
    clock lost with the cache (evicted, flushed, or dropped after an outage) starts again above
    every value it gave before."""
    value = cache.get(CLOCK_KEY)
    if value is None:
        cache.add(CLOCK_KEY, _now(), CLOCK_SECONDS)
        value = cache.get(CLOCK_KEY, 0)
    return value


def advance(tags):
    """Record a purge of `tags`: returns the new clock value they carry."""
    cache.add(CLOCK_KEY, _now(), CLOCK_SECONDS)
    try:
        value = cache.incr(CLOCK_KEY)
    except ValueError:  # expired between add() and incr()
        value = _now() + 1
        cache.set(CLOCK_KEY, value, CLOCK_SECONDS)
    cache.touch(CLOCK_KEY, CLOCK_SECONDS)
    cache.set_many({TAG_KEY.format(tag): value for tag in tags}, TAG_SECONDS)
    return value


def last_purge(tags):
    """The clock value of the most recent purge of any of `tags` (0 if none was purged)."""
    if not tags:
        return 0
    values = cache.get_many([TAG_KEY.format(tag) for tag in tags])
    return max(values.values(), default=0)


def _building(build):
    """`build()` and the tags named while it ran."""
    token = _collected.set(set())
    try:
        value = build()
    finally:
        named = stop(token)
    return value, named


def fragment(name, tags, build, tags_of=None):
    """The value `build()` returns, kept in the cache under `name` until one of `tags` is purged
    or FRAGMENT_CACHE_SECONDS pass: the parts of responses that are costly and change rarely
    (counts over every initiative of a language, the menus). Checked like a cached response,
    against the purge clock; a value built while one of its tags was purged is not kept. The
    tags are named for the response being made too. Tags that only the value knows are kept
    and checked alike: those `tags_of(value)` names, when given (the pages a menu links to),
    and those the code that `build()` runs names with `add()`. Off (0) without a cache shared
    by the processes: a purge must reach every process's copy."""
    tags = set(tags)
    add(*tags)
    timeout = app_settings.FRAGMENT_CACHE_SECONDS
    if not timeout:
        value = build()
        if tags_of is not None:
            add(*tags_of(value))
        return value
    key = FRAGMENT_KEY.format(hashlib.sha256(name.encode()).hexdigest())
    entry = cache.get(key)
    if entry is not None and last_purge(entry["tags"]) <= entry["clock"]:
        add(*entry["tags"])
        return entry["value"]
    started = clock()
    value, named = _building(build)
    tags |= named
    if tags_of is not None:
        tags |= set(tags_of(value))
    add(*tags)
    tags = sorted(tags)
    if last_purge(tags) <= started:
        cache.set(key, {"clock": started, "tags": tags, "value": value}, timeout)
    return value


def page_fragment(request, page, part, build, tags_of=None):
    """`fragment()` for a part of `page` that is the same for every reader (its related
    initiatives, the sections other apps add): kept for the page's site and the active
    language until the page (`page_tags`) or everything is purged, or a tag the part names.
    A preview shows a draft, and may show private files: built each time, never kept."""
    if getattr(request, "is_preview", False):
        return build()
    site = Site.find_for_request(request)
    name = f"page-part|{part}|{site.pk if site else 0}|{translation.get_language()}|{page.pk}"
    return fragment(name, {*page_tags(page), "all"}, build, tags_of=tags_of)
