"""Site-wide template tags: the language switcher, hreflang alternates, the home link."""

import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext_noop
from django.utils.translation import gettext as _

from wagtail.models import Locale

from cms import navigation
from cms.structured_data import structured_data
from files.templatetags.files_tags import shown_on
from knowledge.base.reader_urls import fallback_url, live_translations, url_for_reader
from knowledge.models import InitiativeIndexPage, InitiativePage
from pages import routing
from pages.models import localized_pages
from pages.routing import site_homes

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's name in that language
    url: str
    is_current: bool
    is_translation: bool  # False when the link reaches the page untranslated (or a home page)
    bidi: bool


def language_links(request, page=None, home_only=False):
    """One link per language to the same content, keeping the query (filters, page number).

    A page links to its live translations and, where there is none, to the address under that
    language that serves the page untranslated (cms.serve), so the reader keeps their language.
    Error pages link to each language's home; other views (search) to the same URL in the
    other language.
    """
    translations = {}
    if page is not None and not home_only:
        translations = live_translations(page)
    query = request.META.get("QUERY_STRING", "")
    query = f"?{query}" if query and not home_only else ""
    if page is not None and not home_only:
        # A view of a routable page (/sdgs/11/) keeps its own part of the path.
        served = url_for_reader(page, request, translations=translations)
        if request.path.startswith(served):
            query = request.path[len(served) :] + query

    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if home_only:
            home = site_homes(request).get(code)
            url, is_translation = (home.get_url(request) if home else f"/{code}/"), False
        elif target is not None:
            url, is_translation = target.get_url(request) + query, True
        elif page is not None:
            url, is_translation = fallback_url(page, request, code) + query, False
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


def _with_current(links, current_path):
    return [
        (label, url, bool(path) and current_path.startswith(path)) for label, url, path in links
    ]


def _section_path(page):
    """The tree path that decides which menu item is current: an initiative lives under its
    city, but belongs to the Initiatives section of the menu."""
    if page is None:
        return ""

    if isinstance(page, InitiativePage):
        index = (
            InitiativeIndexPage.objects.live().filter(locale_id=page.locale_id).only("path").first()
        )
        if index is not None:
            return index.path
    return page.path


def _app_links(request):
    """Sections served by views rather than pages, in the active language: certification."""
    url = reverse("certification:index")
    return [(_("Certification"), url, request.path.startswith(url))]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu snippet of the active language (without one, the pages shown in menus),
    then the sections served by views (certification)."""
    request = context["request"]
    current_path = _section_path(context.get("page"))
    menu = navigation.menu(request, "main")
    if menu is not None:
        links = _with_current(menu["links"], current_path) + _app_links(request)
    else:
        home = site_homes(request).get(translation.get_language())
        pages = home.get_children().live().public().in_menu() if home else []
        links = [
            (page.title, page.get_url(request), current_path.startswith(page.path))
            for page in pages
        ] + _app_links(request)
    # aria-current: "page" on the section's own page, "true" on a page within the section.
    return {
        "links": [
            (label, url, ("page" if url == request.path else "true") if current else "")
            for label, url, current in links
        ]
    }


@register.inclusion_tag("includes/footer.html", takes_context=True)
def footer(context):
    request = context["request"]
    menu = navigation.menu(request, "footer")
    if menu is None:
        return {"text": None, "links": []}
    return {"text": menu["text"], "links": _with_current(menu["links"], "")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home › … › this page. Views of a routable page add their own last crumb.

    On a page read untranslated (cms.serve), the ancestors are the reader's language's
    translations where they exist, at the reader's addresses: the trail stays in their language.
    """
    page = context.get("page")
    request = context["request"]
    if page is None:
        return {"crumbs": _view_crumbs(context, request)}
    if page.depth <= 2:
        return {"crumbs": []}
    ancestors = routing.ancestors(page)
    if getattr(request, "translation_fallback", None) is not None:
        ancestors = list(localized_pages(ancestors, Locale.get_active().pk))
        crumbs = [(a.title, url_for_reader(a, request, translations={})) for a in ancestors]
        here = url_for_reader(page, request, translations={})
    else:
        crumbs = [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]
        here = page.get_url(request)
    # The home page is "Home" in the trail, as on the pages served by views.
    crumbs = [
        (_("Home") if ancestor.depth == 2 else title, url)
        for ancestor, (title, url) in zip(ancestors, crumbs, strict=True)
    ]
    extra = context.get("breadcrumb")
    if extra:
        crumbs.append((page.title, here))
        crumbs.append((extra, None))
    else:
        crumbs.append((page.title, None))
    return {"crumbs": crumbs}


# Views under these namespaces sit in a section of their own, between home and the view.
VIEW_SECTIONS = {
    "certification": ("certification:index", gettext_noop("Certification")),
    "my_city": ("my_city:dashboard", gettext_noop("My City")),
    "awards": ("awards:index", gettext_noop("Awards")),
}


def _view_crumbs(context, request):
    """Home › section › this view, for pages served by views. The last crumb is the view's own
    title block, so no view has to name itself twice."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return []
    crumbs = [(_("Home"), home_url(context))]
    section = VIEW_SECTIONS.get(match.namespace)
    if section is not None:
        section_url = reverse(section[0])
        if section_url == request.path:
            return crumbs + [(_(section[1]), None)]
        crumbs.append((_(section[1]), section_url))
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block("title") if blocks else None
    title = mark_safe(block.nodelist.render(context).strip()) if block else ""  # noqa: S308
    return crumbs + [(title, None)] if title else []


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, description=""):
    """OpenGraph and Twitter card metadata, and the meta description, of the page being shown.

    The description is the page's own, else the one its template passes, else the platform's:
    every page has one.
    """
    request = context["request"]
    page = context.get("page")
    title = context.get("meta_title") or (
        (page.seo_title or page.title) if page is not None else ""
    )
    image = None
    if page is not None:
        description = (
            page.search_description
            or getattr(page, "summary", "")
            or getattr(page, "intro", "")
            or description
        )
        picture = getattr(page, "image", None) or getattr(page, "logo", None)
        if picture is not None and shown_on(picture, request):
            image = picture.get_rendition("fill-1200x630")
    code = translation.get_language()
    return {
        "title": title,
        "description": description or _(SITE_DESCRIPTION),
        "url": request.build_absolute_uri(),
        "image_url": request.build_absolute_uri(image.url) if image else None,
        "image": image,
        "type": "article" if page is not None and page.depth > 2 else "website",
        "locale": OG_LOCALES.get(code, code),
        "site_name": _("Urban SDG Knowledge Platform"),
    }


SITE_DESCRIPTION = gettext_noop(
    "A platform where cities share the policies and initiatives they use to reach the "
    "Sustainable Development Goals."
)

OG_LOCALES = {
    "en": "en_GB",
    "ar": "ar_AR",
    "zh-hans": "zh_CN",
    "fr": "fr_FR",
    "ru": "ru_RU",
    "es": "es_ES",
}


@register.inclusion_tag("includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """On a page served in another language because it has no translation in the visitor's
    (see cms.serve), a notice in the visitor's language offering the languages it exists in."""
    request = context.get("request")
    page = getattr(request, "translation_fallback", None)
    if page is None:
        return {}
    return {
        "page_language": get_language_info(page.locale.language_code),
        "links": [link for link in _cached_language_links(context) if link.is_translation],
    }


@register.simple_tag(takes_context=True)
def content_language(context):
    """lang and dir of the content when it is not in the interface's language."""
    page = getattr(context.get("request"), "translation_fallback", None)
    if page is None:
        return ""
    info = get_language_info(page.locale.language_code)
    return format_html(' lang="{}" dir="{}"', info["code"], "rtl" if info["bidi"] else "ltr")


@register.filter
def minutes(duration):
    """Whole minutes of a timedelta (at least one), e.g. the cool-off of a sign-in lockout."""
    return max(1, round(duration.total_seconds() / 60)) if duration else ""


@register.simple_tag(takes_context=True)
def json_ld(context):
    """The page's schema.org description (cms.structured_data) as a JSON-LD data block. Not a
    script the browser runs, so the Content-Security-Policy does not apply to it."""
    data = structured_data(context.get("page"), context["request"])
    if not data:
        return ""
    # "<", ">" and "&" escaped so that no text in the data can close the element.
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
