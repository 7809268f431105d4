"""The request's Wagtail site, found without a query.

Wagtail looks the site up with a query on every request (`Site.find_for_request`), and
compiling it costs more than running it. Sites change rarely: each process keeps the table of
sites, with their root pages, and reads it again when the sites' version in the shared cache
changes (a site saved or deleted, a home page saved, moved or deleted) or
after `MAX_AGE` seconds, so a change made while Redis was down reaches every process too.
The table holds field values: each request gets instances of its own, as from a query, so
nothing one request caches on them is seen by another. It also holds the tree paths of each
site's root in every language, which the pages API's visible pages start from, and the
root paths by which Wagtail makes a page's URL (`Site.get_site_root_paths`, read from the
cache twice per page shown otherwise). `SiteMiddleware` sets both where Wagtail keeps them on
the request. The matching is Wagtail's own (wagtail.models.sites.get_site_for_hostname).
"""

import threading
import time

from django.db import DEFAULT_DB_ALIAS
from django.http.request import split_domain_port

from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath

from knowledge.base.cache_versions import bump_version, current_version

VERSION_KEY = "cms:sites:version"
MAX_AGE = 60

_lock = threading.Lock()
_table = {"version": None, "read_at": 0.0, "sites": (), "root_paths": []}

# Wagtail's order of preference (get_site_for_hostname).
HOSTNAME_PORT, HOSTNAME_DEFAULT, DEFAULT, HOSTNAME = range(4)


def changed(sender=None, instance=None, **kwargs):
    """Signal receiver: a site changed, or a page (only the roots of sites count)."""
    if isinstance(instance, Page):
        if instance.depth is None or instance.depth > 2:
            return
    elif instance is not None and not isinstance(instance, Site):
        return
    bump_version(VERSION_KEY)


def forget():
    """Read the sites again at the next request (tests, whose database changes roll back)."""
    with _lock:
        _table.update(version=None, read_at=0.0, sites=(), root_paths=[])


def _fields(model):
    return [field.attname for field in model._meta.concrete_fields]


def _read():
    """(rows of the sites, the SiteRootPaths of them all in Wagtail's order)."""
    site_fields, page_fields = _fields(Site), _fields(Page)
    found = list(Site.objects.select_related("root_page"))
    keys = {site.root_page.translation_key for site in found}
    translations = {}  # {translation key: [(path, url_path, language code)] in tree order}
    for key, *translation in (
        Page.objects.filter(translation_key__in=keys)
        .order_by("path")
        .values_list("translation_key", "path", "url_path", "locale__language_code")
    ):
        translations.setdefault(key, []).append(translation)
    for site in found:
        site.translations = translations.get(site.root_page.translation_key, [])
    rows = tuple(
        (
            tuple(getattr(site, name) for name in site_fields),
            tuple(getattr(site.root_page, name) for name in page_fields),
            tuple(sorted(path for path, _url_path, _code in site.translations)),
        )
        for site in found
    )
    # Site.get_site_root_paths(): the most specific root first, then the default site.
    ordered = sorted(found, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: (site.root_page.url_path, site.is_default_site), reverse=True)
    root_paths = [
        SiteRootPath(site.id, url_path, site.root_url, language_code)
        for site in ordered
        for _path, url_path, language_code in site.translations
    ]
    return rows, root_paths


def _table_now():
    version = current_version(VERSION_KEY)
    now = time.monotonic()
    with _lock:
        if _table["version"] == version and now - _table["read_at"] < MAX_AGE:
            return dict(_table)
    rows, root_paths = _read()
    with _lock:
        _table.update(version=version, read_at=now, sites=rows, root_paths=root_paths)
        return dict(_table)


def _rows():
    return _table_now()["sites"]


def site_root_paths():
    """What `Site.get_site_root_paths()` returns (its SiteRootPaths are immutable tuples)."""
    return _table_now()["root_paths"]


def sites(rows=None):
    """Every site, each with its root page (plain) and `root_paths` (those of its root in
    every language), as instances of this call's own."""
    site_fields, page_fields = _fields(Site), _fields(Page)
    found = []
    for site_row, root_row, paths in _rows() if rows is None else rows:
        site = Site.from_db(DEFAULT_DB_ALIAS, site_fields, site_row)
        site.root_page = Page.from_db(DEFAULT_DB_ALIAS, page_fields, root_row)
        site.root_paths = paths
        found.append(site)
    return found


def root_paths(site_id):
    """The tree paths of the root page of site `site_id` and of its translations (one per
    language), or None for a site not in the table."""
    index = _fields(Site).index("id")
    for site_row, _root_row, paths in _rows():
        if site_row[index] == site_id:
            return paths
    return None


def _rank(site, hostname, port):
    if site.hostname == hostname:
        if site.port == port:
            return HOSTNAME_PORT
        return HOSTNAME_DEFAULT if site.is_default_site else HOSTNAME
    return DEFAULT


def find(hostname, port, rows=None):
    """The site for `hostname` and `port`, as Wagtail chooses it; None if there is none."""
    matches = sorted(
        (
            (_rank(site, hostname, port), site)
            for site in sites(rows)
            if site.hostname == hostname or site.is_default_site
        ),
        key=lambda match: match[0],
    )
    if not matches:
        return None
    if len(matches) == 1 or matches[0][0] in (HOSTNAME_PORT, HOSTNAME_DEFAULT):
        return matches[0][1]
    if matches[0][0] == DEFAULT:
        # The default site, unless exactly one other site has the hostname.
        return matches[len(matches) == 2][1]
    return None


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except ValueError:
            port = None
        table = _table_now()  # one read of the version for both
        request._wagtail_site = find(hostname, port, table["sites"])
        request._wagtail_cached_site_root_paths = table["root_paths"]
        return self.get_response(request)
