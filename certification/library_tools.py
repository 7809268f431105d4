"""The certification's "tools and resources" live in the library (library.LibraryItemPage).

Tool rows (seeded from data/criteria.yml, or entered by the secretariat before the library
existed) are moved into library items by `move_tools_to_library`, which `migrate` runs after
every migration (post_migrate): each tool becomes a live library item in each language it has,
under the library index of that language (created under the language's home page if missing),
with its kind, publisher, description, link, themes and criteria. Translations of a tool share
its translation key, so its library items are translations of each other. Items that exist
(same code and language) are left as editors changed them: running it again adds nothing.
"""

import uuid

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Locale, Page

from knowledge.models import Theme
from library.models import LibraryIndexPage, LibraryItemPage

from .models import Tool
from .setup import ensure_secretariat_library_permissions

LIBRARY_INDEX_KEY = uuid.UUID("6f1c1b0e-2a55-4c1e-9a43-7d3f1f6a0b11")
INDEX_TITLES = {
    "en": "Library",
    "ar": "المكتبة",
    "es": "Biblioteca",
    "fr": "Bibliothèque",
    "ru": "Библиотека",
    "zh-hans": "资料库",
}


def library_index(locale, create=True):
    """The library index of `locale`, created (live) under its home page when missing."""
    index = LibraryIndexPage.objects.filter(locale=locale).first()
    if index is not None or not create:
        return index
    home = Page.objects.filter(depth=2, locale=locale).first()
    if home is None:
        return None
    index = LibraryIndexPage(
        title=INDEX_TITLES.get(locale.language_code, INDEX_TITLES["en"]),
        slug="library",
        locale=locale,
        translation_key=LIBRARY_INDEX_KEY,
    )
    # The indexes of all languages share the key, so that they are translations of each other;
    # a fresh key only if this language's version of it exists elsewhere in the tree.
    if LibraryIndexPage.objects.filter(translation_key=LIBRARY_INDEX_KEY, locale=locale).exists():
        index.translation_key = uuid.uuid4()
    home.add_child(instance=index)
    index.save_revision().publish()
    ensure_secretariat_library_permissions(indexes=[index])
    return index


def item_from_tool(tool, index):
    """A live library item with the tool's data, under `index` (same language)."""
    item = LibraryItemPage(
        title=tool.title,
        slug=slugify(tool.code) or None,
        locale=tool.locale,
        translation_key=tool.translation_key,
        code=tool.code,
        kind=tool.kind,
        publisher=tool.publisher,
        link=tool.url,
        abstract=f"<p>{escape(tool.description)}</p>" if tool.description else "",
        criterion_codes=tool.criterion_codes,
    )
    if LibraryItemPage.objects.filter(
        translation_key=tool.translation_key, locale=tool.locale
    ).exists():
        item.translation_key = uuid.uuid4()
    index.add_child(instance=item)
    item.themes.set(Theme.objects.filter(locale=tool.locale, code__in=tool.themes))
    item.save_revision().publish()
    return item


def move_tools_to_library(tools=None):
    """Library items for the Tool rows `tools` (default: all) that have none. Returns those made."""
    tools = Tool.objects.all() if tools is None else tools
    made = []
    for tool in tools.select_related("locale").order_by("locale_id", "code"):
        if LibraryItemPage.objects.filter(code=tool.code, locale=tool.locale).exists():
            continue
        with transaction.atomic():
            index = library_index(tool.locale)
            if index is None:
                continue
            made.append(item_from_tool(tool, index))
    return made


def move_tools_after_migrate(sender=None, **kwargs):
    """post_migrate: move the tools once the tables exist (a no-op once every tool moved)."""
    if not Locale.objects.exists():
        return
    move_tools_to_library()
