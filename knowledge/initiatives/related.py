"""Related initiatives, chosen ahead of reading (knowledge.models.RelatedInitiatives).

An initiative's related initiatives are the live, public initiatives of its language sharing
the most goals and themes with it, ties broken by title. Sharing is symmetric, so when one
initiative X changes (published, unpublished, moved, deleted, its privacy or its goals and
themes changed), one query scores X against every initiative of its language and each stored
list is mended with X's new score: X enters a list it now beats, a list X leaves or falls in is
chosen again from scratch (its next best is not stored). `refresh_initiative` does that, in
the job queue; `rebuild` chooses every list again (`refresh_related_initiatives`).

Whatever is stored, the page shows only those of its entries that are live and public now
(`related_initiatives`): a list that lags behind a change never shows a hidden page.
"""

from django.db import transaction
from django.db.models import Case, Count, Q, Value, When
from django.dispatch import Signal

from ..models import InitiativePage, RelatedInitiatives
from ..models.related import RELATED_LIMIT

# Sent with `page_ids` once lists are written: their pages show other initiatives now.
lists_changed = Signal()


def _key(entry):
    _, shared, title = entry
    return (-shared, title)


def visible_initiatives(locale_id):
    return InitiativePage.objects.live().public().filter(locale_id=locale_id)


def scores(page):
    """{page id: [page id, shared, title]} of the visible initiatives of `page`'s language
    sharing at least one goal or theme with it (itself excluded)."""
    numbers = list(page.sdgs.values_list("number", flat=True))
    codes = list(page.themes.values_list("code", flat=True))
    if not numbers and not codes:
        return {}
    rows = (
        visible_initiatives(page.locale_id)
        .exclude(pk=page.pk)
        .filter(Q(sdgs__number__in=numbers) | Q(themes__code__in=codes))
        .values("pk", "title")
        .annotate(
            shared_goals=Count("sdgs", filter=Q(sdgs__number__in=numbers), distinct=True),
            shared_themes=Count("themes", filter=Q(themes__code__in=codes), distinct=True),
        )
        .values_list("pk", "title", "shared_goals", "shared_themes")
    )
    return {pk: [pk, goals + themes, title] for pk, title, goals, themes in rows}


def best(entries):
    return sorted(entries, key=_key)[:RELATED_LIMIT]


def choose(page):
    """The entries of `page` chosen from scratch."""
    return best(scores(page).values())


def store(page, entries):
    RelatedInitiatives.objects.update_or_create(
        page_id=page.pk, defaults={"locale_id": page.locale_id, "entries": entries}
    )


def entries_of(page):
    """The stored entries of `page`; chosen now if there are none. Only visible initiatives
    have stored lists (the others are not among the scores that mend them): a preview of a
    draft or a private page chooses its list each time, a visible page never stored (the
    queue is behind, or it was published before the table existed) stores it."""
    row = RelatedInitiatives.objects.filter(page_id=page.pk).values_list("entries", flat=True)
    for entries in row:
        return entries
    entries = choose(page)
    if visible_initiatives(page.locale_id).filter(pk=page.pk).exists():
        store(page, entries)
    return entries


def _mended(entries, changed_pk, entry):
    """`entries` with the changed initiative's new `entry` (None: it is not related any
    more), or None when they must be chosen again."""
    old = next((e for e in entries if e[0] == changed_pk), None)
    others = [e for e in entries if e[0] != changed_pk]
    if old is not None:
        # Still as good or better: the rest of the list stays the best of the others.
        if entry is not None and _key(entry) <= _key(old):
            return best([*others, entry])
        return None
    if entry is None:
        return entries
    if len(entries) < RELATED_LIMIT or _key(entry) < _key(entries[-1]):
        return best([*entries, entry])
    return entries


def refresh_initiative(pk):
    """Mend every stored list of the language of initiative `pk` after it changed; returns the
    number of lists written."""
    page = InitiativePage.objects.filter(pk=pk).first()
    with transaction.atomic():
        rows = RelatedInitiatives.objects.select_for_update()
        if page is None:
            rows = rows.filter(entries__isnull=False)
        else:
            rows = rows.filter(locale_id=page.locale_id)
        rows = list(rows.exclude(page_id=pk))
        visible = page is not None and visible_initiatives(page.locale_id).filter(pk=pk).exists()
        scored = scores(page) if visible else {}
        if visible:
            store(page, best(scored.values()))
        elif page is not None:
            RelatedInitiatives.objects.filter(page_id=pk).delete()
        changed, again = [], []
        for row in rows:
            entry = scored.get(row.page_id)
            if entry is not None:
                entry = [pk, entry[1], page.title]
            mended = _mended(row.entries, pk, entry)
            if mended is None:
                again.append(row)
            elif mended != row.entries:
                row.entries = mended
                changed.append(row)
        if again:
            pages = InitiativePage.objects.in_bulk([row.page_id for row in again])
            for row in again:
                row.entries = choose(pages[row.page_id]) if row.page_id in pages else []
                changed.append(row)
        RelatedInitiatives.objects.bulk_update(changed, ["entries"], batch_size=500)
        ids = [row.page_id for row in changed] + ([pk] if visible else [])
        transaction.on_commit(lambda: lists_changed.send(sender=RelatedInitiatives, page_ids=ids))
    return len(ids)


def rebuild(locale_id=None, progress=None):
    """Choose the list of every visible initiative from scratch; returns the number written.
    The pages are not purged from the caches one by one: a rebuild follows a change that
    purges them all."""
    pages = InitiativePage.objects.live().public().order_by("pk")
    stale = RelatedInitiatives.objects.exclude(page_id__in=pages.values("pk"))
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
        stale = stale.filter(locale_id=locale_id)
    stale.delete()
    written = 0
    for page in pages.only("pk", "locale_id").iterator(chunk_size=500):
        store(page, choose(page))
        written += 1
        if progress and written % 500 == 0:
            progress(written)
    return written


def related_initiatives(page):
    """Live, public initiatives of the same language sharing the most SDGs and themes with
    `page` (chosen ahead; checked for live and public here)."""
    ids = [entry[0] for entry in entries_of(page)]
    if not ids:
        return InitiativePage.objects.none()
    order = Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)))
    return (
        InitiativePage.objects.live()
        .public()
        .filter(pk__in=ids, locale_id=page.locale_id)
        .order_by(order)
    )
