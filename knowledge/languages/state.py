"""Whether translated pages are up to date with their source.

wagtail-localize records when it last read the source (TranslationSource.last_updated_at: at
submission, and at each "Sync translated pages"). A translation is out of date when its source
page was published after that: the source changed and the change has not reached the
translation yet.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation


@dataclass(frozen=True)
class TranslationState:
    source_id: int  # the TranslationSource, for wagtail-localize's update view
    source_page_id: int | None
    source_language: str
    synced_at: datetime
    source_published_at: datetime | None

    @property
    def up_to_date(self):
        return self.source_published_at is None or self.source_published_at <= self.synced_at

    def as_api(self):
        return {
            "source_locale": self.source_language,
            "source_page": self.source_page_id,
            "up_to_date": self.up_to_date,
            "synced_at": self.synced_at.isoformat(),
            "source_published_at": (
                self.source_published_at.isoformat() if self.source_published_at else None
            ),
        }


def translation_states(pages):
    """{page id: TranslationState} for the pages that are translations made with
    wagtail-localize; two queries for any number of pages."""
    pages = list(pages)
    if not pages:
        return {}
    translations = Translation.objects.filter(
        source__object_id__in={page.translation_key for page in pages},
        target_locale_id__in={page.locale_id for page in pages},
    ).select_related("source__locale")
    by_target = {(t.source.object_id, t.target_locale_id): t for t in translations}
    sources = {}
    if by_target:
        rows = Page.objects.filter(
            translation_key__in={key for key, _locale in by_target},
            locale_id__in={t.source.locale_id for t in by_target.values()},
        ).values_list("translation_key", "locale_id", "pk", "last_published_at")
        sources = {(key, locale): (pk, published) for key, locale, pk, published in rows}
    states = {}
    for page in pages:
        translation = by_target.get((page.translation_key, page.locale_id))
        if translation is None:
            continue
        source = translation.source
        source_page_id, published = sources.get(
            (page.translation_key, source.locale_id), (None, None)
        )
        states[page.pk] = TranslationState(
            source_id=source.pk,
            source_page_id=source_page_id,
            source_language=source.locale.language_code,
            synced_at=source.last_updated_at,
            source_published_at=published,
        )
    return states


def translation_state(page):
    return translation_states([page]).get(page.pk)


def out_of_date_translations(user, language_code=None):
    """[(page, TranslationState)] of the translated pages `user` may edit whose source changed
    since they were last updated from it."""
    translations = Translation.objects.filter(enabled=True).select_related(
        "source__locale", "target_locale"
    )
    if language_code:
        translations = translations.filter(target_locale__language_code=language_code)
    keys = {t.source.object_id for t in translations}
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    pages = (
        editable.filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("locale__language_code", "title")
    )
    pages = list(pages)
    states = translation_states(pages)
    return [
        (page, states[page.pk])
        for page in pages
        if page.pk in states and not states[page.pk].up_to_date
    ]
