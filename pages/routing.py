"""Finding the page at an address in two queries, whatever its depth.

Wagtail's `Page.route()` walks down one level at a time, with a query for the child that has the
next slug and one for its specific row: eight queries for an initiative at
/fr/cities/quito/<slug>/. Here the pages along the path are found in one query, by their slugs
below the language's root, and the walk goes on through them in memory for as long as each
page routes as `Page` does. The first page that routes otherwise (the routable pages: the
initiatives database, events, webinars, goals) is handed what remains of the path, as Wagtail
would. The answers are Page.route's: an unknown slug is a 404, and so is a page at the end that
is not live.
"""

from django.http import Http404
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

# Slugs looked up in the one query; a longer path walks on below them one level at a time.
MAX_LEVELS = 16


def site_homes(request):
    """The live home page of each language of the request's site (plain pages), keyed by
    language code; one query per request."""
    if not hasattr(request, "_site_homes"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:
            pages = site.root_page.get_translations(inclusive=True).live().select_related("locale")
            homes = {home.locale.language_code: home for home in pages}
        request._site_homes = homes
    return request._site_homes


def route_request(request, path):
    """Find the page at `path` as `Page.route_for_request()` does, and keep the answer where
    Wagtail looks for it first (`request._wagtail_route_for_request`), so that its serve view
    and everything else that asks use it. The language's home page comes from `site_homes()`,
    which the menus and the language switcher read anyway: Wagtail would look it up in two
    more queries (the active locale, then the root's translation in it)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return  # Wagtail answers this one itself (None: a 404)
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = None
    home = site_homes(request).get(language) or site.root_page
    components = [component for component in path.split("/") if component]
    try:
        if getattr(home.specific_class, "routes_by_path", False):
            result = route(home, request, components)
        else:
            result = home.specific.route(request, components)
    except Http404:
        result = None
    request._wagtail_route_for_request = result


def routes_as_page(model):
    """Whether pages of `model` route their children as `Page` does."""
    return model is None or getattr(model, "route", None) is Page.route


def route(root, request, components):
    """`Page.route(root, request, components)` with the pages along the path in one query
    (`root`, the page the path starts from, may be a plain page)."""
    if not components:
        return Page.route(root.specific, request, components)
    current = root
    levels = components[:MAX_LEVELS]
    found = {
        (page.path[: -Page.steplen], page.slug): page
        for page in Page.objects.filter(
            path__startswith=root.path,
            depth__gt=root.depth,
            depth__lte=root.depth + len(levels),
            slug__in=set(levels),
        )
    }
    above = []
    for index, slug in enumerate(components):
        if index == len(levels) or (index and not routes_as_page(current.specific_class)):
            return _hand_over(current, above, request, components[index:])
        child = found.get((current.path, slug))
        if child is None:
            raise Http404
        # As in Page.route: the parent is known, so page.get_parent() needs no query.
        child._cached_parent_obj = current
        above.append(current)
        current = child
    return _hand_over(current, above, request, [])


def _hand_over(page, above, request, components):
    page = page.specific
    page._routed_ancestors = above
    return page.route(request, components)


def ancestors(page):
    """The pages above `page` from its language's home page down, as `page.get_ancestors()`
    without the tree's root: known without a query when the page was found by `route()`."""
    known = page.__dict__.get("_routed_ancestors")
    if known is not None:
        return list(known)
    return list(page.get_ancestors().filter(depth__gt=1))
