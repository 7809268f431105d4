"""One way to drop cached copies: purge the tags of what changed, once the change is committed.

Every state that changes what a public response shows (a page published, unpublished, moved or
deleted, a view restriction, a comment, a replication record, a membership, a certificate, an
image, a document, a menu, a goal or theme…) calls `purge()` with the tags it touches
(knowledge.base.cache_tags names them). After the commit, in the process that made the change:

1. the purge clock advances and each tag records it, so the application cache (Redis) refuses
   every copy with one of these tags made before, including a copy of the old state rendered
   during the change and stored after it;
2. Varnish is told at once (a BAN by tag to each of `VARNISH_URLS`), not through the job queue,
   so a purge never waits behind index or export jobs; a ban that fails is queued to be retried;
3. a second ban is queued a few seconds later (when the queue can defer jobs): a response of
   the old state that was on its way to Varnish while the first ban ran is dropped too.

Purges of one transaction are sent together, once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from knowledge.base import cache_tags

from .frontend_cache import ban
from .tasks import ban_cache_tags

logger = logging.getLogger(__name__)

# Ban again this long after the commit, for a response that raced the first ban.
SECOND_BAN_SECONDS = 5
# A page whose section holds more pages than this purges everything on a move or deletion.
SUBTREE_LIMIT = 300


def purge(tags):
    """Drop every cached copy carrying one of `tags` once the current transaction commits."""
    tags = set(tags)
    if not tags:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _send(tags)
        return
    # The tags of one transaction wait together on its outermost block.
    outermost = connection.atomic_blocks[0]
    pending = getattr(outermost, "usdg_purge_tags", None)
    if pending is None:
        pending = outermost.usdg_purge_tags = set()

        def flush():
            outermost.usdg_purge_tags = None
            _send(pending)

        transaction.on_commit(flush)
    pending |= tags


def _send(tags):
    tags = sorted(tags)
    cache_tags.advance(tags)
    if not settings.VARNISH_URLS:
        return
    if not ban(tags):
        ban_cache_tags.enqueue(tags)
    if ban_cache_tags.get_backend().supports_defer:
        run_after = timezone.now() + timedelta(seconds=SECOND_BAN_SECONDS)
        ban_cache_tags.using(run_after=run_after).enqueue(tags)


def page_tags(page, *, structure=False):
    """The tags to purge when `page` changes: the page in every language, the listings of its
    type and of every type, the menus if it can appear in them, and with `structure` (a move,
    a deletion, a change of privacy) the pages below it, whose addresses or visibility follow."""
    model = page.specific_class or type(page)
    keys = [page.translation_key]
    tags = {cache_tags.list_tag(Page), cache_tags.list_tag(model)}
    if page.depth <= 3 or page.show_in_menus:
        tags.add("menu")
    if structure and page.numchild:
        below = Page.objects.none()
        for translation in Page.objects.filter(translation_key=page.translation_key):
            below |= Page.objects.descendant_of(translation)
        rows = list(below.values_list("pk", "content_type__model")[: SUBTREE_LIMIT + 1])
        if len(rows) > SUBTREE_LIMIT:
            return {"all"}
        tags |= {f"page-{pk}" for pk, _ in rows} | {f"list-{name}" for _, name in rows}
        tags.add("menu")
    pks = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    tags |= {f"page-{pk}" for pk in pks}
    tags.add(f"page-{page.pk}")
    return tags
