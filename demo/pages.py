"""Create or update demo pages idempotently, then translate them through wagtail-localize."""

from html import escape

from modelcluster.fields import ParentalKey

from .translation import TARGET_LANGUAGES, demo_strings, sync_translation


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def paragraph(text):
    return ("paragraph", f"<p>{escape(text, quote=False)}</p>")


def rich_text(paragraphs):
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in paragraphs)


def _comparable(value):
    """A field value in a form that compares equal when the content is the same."""
    raw = getattr(value, "raw_data", None)  # StreamField values: drop the block ids
    if raw is not None:
        return [(block["type"], block["value"]) for block in raw]
    if isinstance(value, list):
        return [tuple(block) for block in value]
    return value


def upsert_page(parent, model, slug, fields, log, relations=None):
    """The English page `slug` under `parent` with `fields`, published when anything changed.

    `relations` sets many-to-many relations and child objects:
    {"sdgs": [rows], "focal_points": [FocalPoint(...)]}.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        _set_relations(page, relations)
        parent.add_child(instance=page)
        return _publish(page, "created", log)
    return update_page(page, fields, log, relations)


def update_page(page, fields, log, relations=None):
    """Give an existing page `fields` (and `relations`) and publish it, unless it has them live."""
    unchanged = all(
        _comparable(getattr(page, name)) == _comparable(value) for name, value in fields.items()
    ) and _relations_unchanged(page, relations)
    if unchanged and page.live and not page.has_unpublished_changes:
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    _set_relations(page, relations)
    return _publish(page, "updated", log)


def numbered(children):
    """New child objects with their position in sort_order.

    Only Wagtail's inline panels number them; rows left at NULL come back from the database in
    any order (PostgreSQL changes it as its planner's statistics change), so a menu, a list of
    speakers or the featured initiatives would be shown, and compared, in a shifting order.
    """
    for position, child in enumerate(children):
        if hasattr(child, "sort_order_field"):
            setattr(child, child.sort_order_field, position)
    return children


def _set_relations(page, relations):
    for name, values in (relations or {}).items():
        if values and values[0].pk is None:
            numbered(values)
        getattr(page, name).set(values)


IGNORED_CHILD_FIELDS = {"id", "sort_order", "translation_key", "locale"}


def _content(child):
    """What a child object (focal point, speaker…) says, without its keys and position."""
    return [
        field.value_from_object(child)
        for field in child._meta.concrete_fields
        if field.name not in IGNORED_CHILD_FIELDS and not isinstance(field, ParentalKey)
    ]


def _relations_unchanged(page, relations):
    for name, values in (relations or {}).items():
        current = list(getattr(page, name).all())
        if values and values[0].pk is None:  # new child objects: compare what they say
            if [_content(c) for c in current] != [_content(c) for c in values]:
                return False
            numbers = [getattr(c, "sort_order", None) for c in current]
            if hasattr(values[0], "sort_order_field") and numbers != list(range(len(current))):
                return False  # saved before they were numbered
        elif sorted(item.pk for item in current) != sorted(item.pk for item in values):
            return False
    return True


def _publish(page, action, log):
    page.save_revision().publish()
    # publish() works on a copy loaded from the revision: reload so that the translation source
    # taken afterwards matches what is in the database.
    page.refresh_from_db()
    log(f"{page._meta.verbose_name} “{page.title}” (en): {action}")
    return page


def translate_page(page, log, slugs=None):
    """Bring each other language's version of `page` in line with the demo catalogues.

    `slugs` gives the page's slug in the languages where it differs from the English one.
    """
    for code in TARGET_LANGUAGES:
        slug = (slugs or {}).get(code)
        if sync_translation(page, code, demo_strings(code), slug=slug):
            log(f"{page._meta.verbose_name} “{page.title}” ({code}): translated")
