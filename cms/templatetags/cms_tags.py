"""Site-wide template tags: the language switcher, hreflang alternates, the home link."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info

from wagtail.models import Page, Site

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's name in that language
    url: str
    is_current: bool
    is_translation: bool  # False when the link falls back to that language's home page
    bidi: bool


def site_homes(request):
    """The live home page of each language, keyed by language code; one query per request."""
    if not hasattr(request, "_site_homes"):
        site = Site.find_for_request(request)
        homes = {}
        if site is not None:
            pages = site.root_page.get_translations(inclusive=True).live().select_related("locale")
            homes = {home.locale.language_code: home for home in pages}
        request._site_homes = homes
    return request._site_homes


def language_links(request, page=None, home_only=False):
    """One link per language to the same content.

    A page links to its live translations and, where there is none, to that language's home.
    Other views (search) link to the same URL in the other language.
    """
    translations = {}
    if page is not None and not home_only:
        pages = Page.objects.filter(translation_key=page.translation_key).live()
        translations = {p.locale.language_code: p for p in pages.select_related("locale")}

    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url, is_translation = target.get_url(request), True
        elif page is not None or home_only:
            home = site_homes(request).get(code)
            url, is_translation = (home.get_url(request) if home else f"/{code}/"), False
        else:
            url, is_translation = translate_url(request.get_full_path(), code), True
        info = get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=info["name_local"],
                url=url,
                is_current=code == current,
                is_translation=is_translation,
                bidi=info["bidi"],
            )
        )
    return links


def _cached_language_links(context, home_only=False):
    request = context["request"]
    key = ("_language_links", home_only)
    if key not in context.render_context:
        context.render_context[key] = language_links(request, context.get("page"), home_only)
    return context.render_context[key]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, home_only=False):
    return {"links": _cached_language_links(context, home_only)}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """hreflang alternates for the versions of this content that really exist."""
    request = context["request"]
    links = {
        link.code: request.build_absolute_uri(link.url)
        for link in _cached_language_links(context)
        if link.is_translation
    }
    return {"links": links.items(), "default": links.get(settings.LANGUAGE_CODE)}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page of the active language."""
    request = context["request"]
    home = site_homes(request).get(translation.get_language())
    return home.get_url(request) if home else "/"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The pages of the active language's home marked "show in menus", in tree order."""
    request = context["request"]
    home = site_homes(request).get(translation.get_language())
    pages = home.get_children().live().public().in_menu() if home else []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "items": [(page, current_path.startswith(page.path)) for page in pages],
        "request": request,
    }
