"""Pages in the reader's language: page relations are copied to translations unchanged (a French
event names the English partner), so what a page points at is looked up again in its language."""

from wagtail.models import Page


def localized_page_map(pages, locale_ids):
    """{(translation_key, locale_id): live page} for the translations of `pages` into any of
    `locale_ids`, in one query (plain Page objects: enough for titles and addresses)."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    translations = Page.objects.live().filter(translation_key__in=keys, locale_id__in=locale_ids)
    return {(page.translation_key, page.locale_id): page for page in translations}


def localized_pages(pages, locale_id):
    """Each of `pages` in the language `locale_id` where a live translation exists, else as is.

    Page relations are copied to translations unchanged, so a French event may name the
    English partner page; visitors of the French event should reach the French partner.
    """
    pages = list(pages)
    if not pages:
        return []
    translations = Page.objects.live().filter(
        translation_key__in=[page.translation_key for page in pages], locale_id=locale_id
    )
    by_key = {page.translation_key: page for page in translations.specific()}
    return [by_key.get(page.translation_key, page) for page in pages]
