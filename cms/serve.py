"""Page serving with a fallback for pages not translated into the visitor's language.

A link to /fr/cities/quito/ where Quito exists only in English would be a 404. Instead the
visitor sees the page in the language it exists in (the default language first), with a notice
in French offering the languages it is available in. Wagtail's own serve view is used for
everything else, hooks (privacy, passwords) included.
"""

from django.http import Http404, HttpResponse

from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from pages import routing


def serve(request, path):
    routing.route_request(request, path)
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        route = _route_in_other_languages(request, path)
        if route is None:
            raise
    page, args, kwargs = route
    request.translation_fallback = page
    return _serve(page, request, args, kwargs)


def _route_in_other_languages(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    default = Locale.get_default()
    roots = sorted(
        site.root_page.get_translations(inclusive=True).live().select_related("locale"),
        key=lambda root: root.locale_id != default.pk,  # the default language first
    )
    active = Locale.get_active()
    for root in roots:
        if root.locale_id == active.pk:
            continue
        try:
            return root.specific.route(request, components)
        except Http404:
            continue
    return None


def _serve(page, request, args, kwargs):
    # What wagtail.views.serve does once it has found the page.
    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
