"""Create or update demo pages idempotently, then translate them through wagtail-localize."""

from .translation import sync_translation


def _comparable(value):
    """A field value in a form that compares equal when the content is the same."""
    raw = getattr(value, "raw_data", None)  # StreamField values: drop the block ids
    if raw is not None:
        return [(block["type"], block["value"]) for block in raw]
    if isinstance(value, list):
        return [tuple(block) for block in value]
    return value


def upsert_page(parent, model, slug, fields, log):
    """The English page `slug` under `parent`, with `fields`; published only when it changed."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        return _publish(page, "created", log)
    return update_page(page, fields, log)


def update_page(page, fields, log):
    """Give an existing page `fields` and publish it, unless it already has them live."""
    unchanged = all(
        _comparable(getattr(page, name)) == _comparable(value) for name, value in fields.items()
    )
    if unchanged and page.live and not page.has_unpublished_changes:
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    return _publish(page, "updated", log)


def _publish(page, action, log):
    page.save_revision().publish()
    # publish() works on a copy loaded from the revision: reload so that the translation source
    # taken afterwards matches what is in the database.
    page.refresh_from_db()
    log(f"{page._meta.verbose_name} “{page.title}” (en): {action}")
    return page


def translate_page(page, english, translations, log):
    """Bring each language's version of `page` in line with `translations`.

    `english` maps field keys to English source strings; `translations` maps a language code to
    the same keys with translated strings, plus an optional translated "slug".
    """
    for code, text in translations.items():
        strings = {english[key]: value for key, value in text.items() if key in english}
        if "slug" in text:
            strings[page.slug] = text["slug"]
        if sync_translation(page, code, strings):
            log(f"{page._meta.verbose_name} “{page.title}” ({code}): translated")
