"""Translate demo content through wagtail-localize, as a translator would in its editor.

Going through wagtail-localize (rather than writing the other languages' pages directly) means the
demo translations appear in its editor, can be exported as PO files, and show when they fall out
of date with the English source.
"""

from django.core.exceptions import ObjectDoesNotExist

from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def sync_translation(instance, language_code, strings):
    """Make the `language_code` version of `instance` carry the translated `strings`.

    `strings` maps each English source string to its translation; strings it does not list keep
    the source text. Returns True when anything was written and False when the live translation
    already says all of it, so that running the loader twice creates no new revisions.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)

    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
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
    # save_target(publish=True) would publish on commit, from a copy of the page taken now; by
    # then children added in the same transaction would be lost from the tree counts. Save a
    # draft and publish it at once instead.
    translation.save_target(publish=False)
    target = source.get_translated_instance(locale)
    if isinstance(target, DraftStateMixin):
        target.get_latest_revision().publish()
    return True


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
        if not field.concrete:
            continue
        if field.get_prep_value(field.value_from_object(would_be)) != field.get_prep_value(
            field.value_from_object(target)
        ):
            return False
    return True
