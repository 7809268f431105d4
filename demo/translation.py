"""Translate demo content through wagtail-localize, as a translator would in its editor.

Going through wagtail-localize (rather than writing the other languages' pages directly) means the
demo translations appear in its editor, can be exported as PO files, and show when they fall out
of date with the English source. The translations themselves are in translations/<code>.po,
keyed by the English source strings (`manage.py demo_messages` keeps those files in step).
"""

from functools import cache
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist

from wagtail.models import DraftStateMixin, Locale, RevisionMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import polib

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
TARGET_LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]
SLUG_PATH = "slug"  # the wagtail-localize context of a page's slug
# The draft and revision bookkeeping of snippets, which wagtail-localize lists among their
# synchronised fields.
PUBLISHING_FIELDS = {
    field.name for mixin in (DraftStateMixin, RevisionMixin) for field in mixin._meta.fields
}


def catalogue_path(language_code):
    return TRANSLATIONS_DIR / f"{language_code}.po"


@cache
def demo_strings(language_code):
    """{English source string: translation} for one language; untranslated entries left out."""
    catalogue = polib.pofile(str(catalogue_path(language_code)))
    return {entry.msgid: entry.msgstr for entry in catalogue.translated_entries()}


def sync_translation(instance, language_code, strings, slug=None):
    """Make the `language_code` version of `instance` carry the translated `strings`.

    `strings` maps English source strings to their translations; strings it does not list keep
    the source text. Slugs are not taken from `strings`: a page keeps its English slug (addresses
    like /fr/cities/…) unless `slug` is given. Returns True when anything was written and False
    when the live translation already says all of it, so that running the loader twice creates
    no new revisions.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)

    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        if segment.context.path == SLUG_PATH:
            text = slug
        else:
            text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )

    if _target_is_current(source, locale):
        return False
    if isinstance(instance, DraftStateMixin):
        # save_target(publish=True) would publish on commit, from a copy of the page taken now;
        # by then children added in the same transaction would be lost from the tree counts.
        # Save a draft and publish it at once instead.
        translation.save_target(publish=False)
        source.get_translated_instance(locale).get_latest_revision().publish()
    else:
        translation.save_target()
    return True


def _comparable(field, instance):
    value = field.value_from_object(instance)
    if field.is_relation and field.many_to_many:
        return sorted(item.pk for item in value)
    if hasattr(field, "get_prep_value"):
        return field.get_prep_value(value)
    return value


def _target_is_current(source, locale):
    """Whether the live translation already has what translating again would give it."""
    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return False
    if isinstance(target, DraftStateMixin) and (not target.live or target.has_unpublished_changes):
        return False
    would_be = source.get_ephemeral_translated_instance(locale, fallback=True)
    for translatable in get_translatable_fields(type(target)):
        field = translatable.get_field(type(target))
        if field.name in PUBLISHING_FIELDS:
            # When it went live is not content: a translation never published has none.
            continue
        if field.auto_created or not field.concrete and not field.many_to_many:
            # Child relations (focal points…) are compared through their own fields below.
            continue
        if _comparable(field, would_be) != _comparable(field, target):
            return False
    return _children_match(would_be, target)


def _children_match(would_be, target):
    """Compare the translatable child objects (e.g. focal points) of two versions of a page."""
    from modelcluster.models import get_all_child_relations

    for relation in get_all_child_relations(type(target)):
        name = relation.get_accessor_name()
        fields = [
            f
            for f in relation.related_model._meta.concrete_fields
            if f.name not in {"id", "page", "locale", "sort_order"}
        ]
        wanted = [
            [_comparable(f, child) for f in fields] for child in getattr(would_be, name).all()
        ]
        actual = [[_comparable(f, child) for f in fields] for child in getattr(target, name).all()]
        if wanted != actual:
            return False
    return True
