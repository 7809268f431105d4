"""The main menu and the footer of the active language, as the templates show them.

Both menus are read together in three queries, whatever their links: the live menus of the
language, their items with the pages they link to, and those pages' live translations in the
language. Pages are read as plain pages (title, address, tree path are all a menu shows), not as
their specific types, which would cost a query per page type. Menus are read on every page and
changed rarely: kept as a fragment (knowledge.base.cache_tags) until a menu changes ("menu"), a page
they link to is published, unpublished, moved or deleted (its `page-<id>` tags), or everything is
purged. Without the fragment cache, they are still read once per request.
"""

from django.db.models import Prefetch
from django.utils import translation

from wagtail.models import Page, Site

from knowledge.base import cache_tags
from pages.models import NavigationItem, NavigationMenu

TAGS = ("menu", "all")


def menu(request, slot):
    """The menu `slot` of the active language as {"text", "links": [(label, url, path)],
    "pages": [ids]}, or None when editors have not made one (or not published it)."""
    return _menus(request).get(slot)


def _menus(request):
    language = translation.get_language()
    read = request.__dict__.setdefault("_navigation_menus", {})
    if language in read:
        # Read already for this response: it still shows what they show.
        cache_tags.add(*TAGS, *_page_tags(read[language]))
        return read[language]
    site = Site.find_for_request(request)
    read[language] = cache_tags.fragment(
        f"navigation-menus|{site.pk if site else 0}|{language}",
        set(TAGS),
        lambda: _load(request, language),
        tags_of=_page_tags,
    )
    return read[language]


def _page_tags(menus):
    return [f"page-{pk}" for menu in menus.values() for pk in menu["pages"]]


def _load(request, language):
    menus = list(
        NavigationMenu.objects.filter(locale__language_code=language, live=True).prefetch_related(
            Prefetch("items", queryset=NavigationItem.objects.select_related("link_page"))
        )
    )
    linked = [item.link_page for menu in menus for item in menu.items.all() if item.link_page]
    # Links are synchronised across translations: a French menu names the English pages, and
    # its readers should reach the French ones where they are live.
    by_key = {}
    if linked:
        translations = Page.objects.live().filter(
            translation_key__in={page.translation_key for page in linked},
            locale_id=menus[0].locale_id,
        )
        by_key = {page.translation_key: page for page in translations}
    return {menu.slot: _links(menu, by_key, request) for menu in menus}


def _links(menu, by_key, request):
    links, pages = [], []
    for item in menu.items.all():
        if item.link_page:
            page = by_key.get(item.link_page.translation_key, item.link_page)
            pages.append(page.pk)
            if page.live:
                links.append((item.label or page.title, page.get_url(request), page.path))
        else:
            links.append((item.label or item.link_url, item.link_url, None))
    return {"text": menu.text, "links": links, "pages": pages}
