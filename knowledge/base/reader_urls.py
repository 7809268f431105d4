"""The address of a page for a reader of a given language (imports nothing of ours).

A page with a live translation in the reader's language is read there. A page without one is
still served under the reader's language prefix (cms.serve falls back to the language it exists
in), so that every link, form and redirect from it keeps the reader in their language: the
switcher of an English-only page sends a French reader to /fr/<same path>/, and a comment
posted from there comes back to /fr/<same path>/, not to /en/.
"""

from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page


def live_translations(page):
    """{language code: live page} of `page`'s translations, itself included; one query."""
    pages = Page.objects.filter(translation_key=page.translation_key).live()
    found = {p.locale.language_code: p for p in pages.select_related("locale")}
    for other in found.values():
        if other.pk == page.pk and not Page.locale.is_cached(page):
            page.locale = other.locale  # read with them: `page.locale` needs no query
    return found


def fallback_url(page, request, language):
    """Where `page` is served to a reader of `language` when it has no translation there."""
    # translate_url resolves in the active language: the page's own prefix must be the active one.
    with translation.override(page.locale.language_code):
        return translate_url(page.get_url(request), language)


def url_for_reader(page, request, language=None, translations=None):
    """The address of `page` in `language` (the active one by default): its live translation,
    or the fallback address that serves `page` itself under that language."""
    language = language or translation.get_language()
    if page.locale.language_code == language and page.live:
        return page.get_url(request)
    translations = live_translations(page) if translations is None else translations
    target = translations.get(language)
    if target is not None:
        return target.get_url(request)
    return fallback_url(page, request, language)


def is_fallback(page):
    """Whether `page` is shown to a reader of the active language in its own, other language."""
    return page.locale.language_code != translation.get_language()
