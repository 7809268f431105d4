"""Privacy follows the translation key: a view restriction on any translation of a page applies
to all of its translations.

Wagtail checks a page's own restrictions and its ancestors'. A French translation of a page that
is private in English would otherwise be public, with the restricted English text in it until it
is translated. Every change of a page's restrictions (creating one, changing its kind, password
or groups, removing it) is copied to the page's other translations as it happens. A new
translation starts with the restrictions of the page it is copied from (Wagtail copies them,
and wagtail-localize keeps them in step with the source when it updates a translation).

Every surface that asks Wagtail whether a page is public (serving, `.public()` in listings,
feeds, the sitemap, search, the API and open data) then gives the same answer in every language,
and a translated section is private below a private translated ancestor as in the source
language.
"""

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction

_syncing = ContextVar("usdg_privacy_syncing", default=False)
_pages_being_deleted = ContextVar("usdg_privacy_deleting", default=frozenset())


def translations_of(page_id):
    """The other translations of the page with id `page_id`."""
    key = Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if key is None:
        return Page.objects.none()
    return Page.objects.filter(translation_key=key).exclude(pk=page_id)


def copy_restrictions(source_id, targets):
    """Give each target page exactly the view restrictions of the page `source_id`, keeping the
    target's restriction rows (and so the passwords visitors already entered) where they exist."""
    wanted = list(
        PageViewRestriction.objects.filter(page_id=source_id)
        .order_by("pk")
        .prefetch_related("groups")
    )
    token = _syncing.set(True)
    try:
        for target in targets:
            existing = list(PageViewRestriction.objects.filter(page=target).order_by("pk"))
            for index, restriction in enumerate(wanted):
                if index < len(existing):
                    copy = existing[index]
                else:
                    copy = PageViewRestriction(page=target)
                if (
                    copy.pk is None
                    or copy.restriction_type != restriction.restriction_type
                    or copy.password != restriction.password
                ):
                    copy.restriction_type = restriction.restriction_type
                    copy.password = restriction.password
                    copy.save()
                groups = {group.pk for group in restriction.groups.all()}
                if set(copy.groups.values_list("pk", flat=True)) != groups:
                    copy.groups.set(groups)
            for extra in existing[len(wanted) :]:
                extra.delete()
    finally:
        _syncing.reset(token)


def _sync_from(page_id):
    if _syncing.get() or page_id in _pages_being_deleted.get():
        return
    copy_restrictions(page_id, translations_of(page_id))


def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync_from(instance.page_id)


def restriction_deleted(sender, instance, **kwargs):
    _sync_from(instance.page_id)


def restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        _sync_from(instance.page_id)


def page_deleting(sender, instance, **kwargs):
    """Deleting a page removes its own restrictions (first, by cascade), not its translations'."""
    if isinstance(instance, Page):
        _pages_being_deleted.set(_pages_being_deleted.get() | {instance.pk})


def page_deleted(sender, instance, **kwargs):
    # The row of the base model goes last, after the specific page's row and the restrictions.
    if sender is Page:
        _pages_being_deleted.set(_pages_being_deleted.get() - {instance.pk})


def connect():
    uid = "cms_privacy_follows_translations"
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid=f"{uid}_save")
    post_delete.connect(restriction_deleted, sender=PageViewRestriction, dispatch_uid=f"{uid}_del")
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}_groups",
    )
    pre_delete.connect(page_deleting, dispatch_uid=f"{uid}_page_deleting")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}_page_deleted")
