from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction, WorkflowPage
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_rejected,
    workflow_approved,
)

from .initiatives.moderation import on_task_rejected, on_workflow_approved
from .members import collections as uploads
from .members.membership import ensure_city_group
from .models import (
    CityIndexPage,
    CityPage,
    InitiativeDecision,
    InitiativePage,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)
from .models.localized import invalidate_taxonomies
from .setup import moderation_workflow
from .tasks import (
    queue_open_data_export,
    rebuild_related_initiatives,
    refresh_related_initiatives,
)


def keep_initiative_city(sender, instance, parent_page_after, **kwargs):
    """An initiative moved to another city belongs to that city (Wagtail's move skips save())."""
    if issubclass(sender, InitiativePage):
        city_id = parent_page_after.pk if parent_page_after.specific_class is CityPage else None
        InitiativePage.objects.filter(pk=instance.pk).update(city_id=city_id)


def city_saved(sender, instance, created, raw=False, **kwargs):
    """A new city, or a city in a new language: its contributors get permissions on it."""
    if created and not raw:
        ensure_city_group(instance)


def city_index_saved(sender, instance, created, raw=False, **kwargs):
    """A city index in a new language is moderated by the moderation workflow."""
    if created and not raw:
        workflow = moderation_workflow()
        if workflow is not None:
            WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})


def initiative_state_changed(sender, instance, **kwargs):
    """Published or unpublished: its uploads are public exactly while a public page uses them."""
    uploads.sync(instance)


def initiative_declined(sender, instance, raw=False, **kwargs):
    if not raw:
        page = InitiativePage.objects.filter(pk=instance.page_id).first()
        if page is not None:
            uploads.sync(page)


def initiative_deleting(sender, instance, **kwargs):
    """Before its revisions go with it: what the initiative ever used, and its city's collection
    (not made now: the city may be going too)."""
    instance._uploads_to_withdraw = (
        uploads.uploads_ever_in(instance),
        uploads.city_collection(instance, create=False) or uploads.withdrawn_collection,
    )


def initiative_deleted(sender, instance, **kwargs):
    candidates, collection = getattr(instance, "_uploads_to_withdraw", (None, None))
    if candidates:
        uploads.withdraw(candidates, [instance.pk], collection)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A page became private or public: so do the uploads of the initiatives at or below it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and not raw:
        uploads.sync_below(page)


def page_moved(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.pk).first()
    if page is not None:
        uploads.sync_below(page)


def connect_uploads():
    """What changes whether an initiative's uploads are public (knowledge.members.collections)."""
    for name, signal in [("published", page_published), ("unpublished", page_unpublished)]:
        signal.connect(
            initiative_state_changed,
            sender=InitiativePage,
            dispatch_uid=f"knowledge_uploads_{name}",
        )
    pre_delete.connect(
        initiative_deleting, sender=InitiativePage, dispatch_uid="knowledge_uploads_deleting"
    )
    post_delete.connect(
        initiative_deleted, sender=InitiativePage, dispatch_uid="knowledge_uploads_deleted"
    )
    post_save.connect(
        initiative_declined, sender=InitiativeDecision, dispatch_uid="knowledge_uploads_declined"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"knowledge_uploads_restriction_{signal is post_save}",
        )
    post_page_move.connect(page_moved, dispatch_uid="knowledge_uploads_move")


def schedule_open_data_export(sender, raw=False, **kwargs):
    """Regenerate the open-data files once the change is committed (and visible to the worker)."""
    if not raw:
        transaction.on_commit(queue_open_data_export)


def connect_open_data_export():
    """What changes the open-data files: initiatives and cities published, unpublished or
    deleted, goals, targets and themes, view restrictions and declined initiatives. Any page
    move counts, since it changes the addresses of the initiatives below the page."""
    for model in (InitiativePage, CityPage):
        for name, signal in [
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("deleted", post_delete),
        ]:
            signal.connect(
                schedule_open_data_export,
                sender=model,
                dispatch_uid=f"knowledge_opendata_{name}_{model.__name__}",
            )
    post_page_move.connect(schedule_open_data_export, dispatch_uid="knowledge_opendata_move")
    for model in (SustainableDevelopmentGoal, SDGTarget, Theme, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                schedule_open_data_export,
                sender=model,
                dispatch_uid=f"knowledge_opendata_{signal is post_save}_{model.__name__}",
            )
    post_save.connect(
        schedule_open_data_export,
        sender=InitiativeDecision,
        dispatch_uid="knowledge_opendata_declined",
    )


def initiative_changed(sender, instance, **kwargs):
    """Published, unpublished, deleted, or its goals and themes changed: the related-initiative
    lists of its language are mended (knowledge.initiatives.related)."""
    refresh_related_initiatives.enqueue(instance.pk)


def visibility_changed_below(sender, instance, raw=False, **kwargs):
    """A view restriction or a move changes who sees the initiatives at or below a page."""
    if raw:
        return
    page_id = instance.page_id if isinstance(instance, PageViewRestriction) else instance.pk
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    below = InitiativePage.objects.filter(path__startswith=page.path)
    for pk in below.values_list("pk", flat=True):
        refresh_related_initiatives.enqueue(pk)


def taxonomy_removed(sender, instance, **kwargs):
    rebuild_related_initiatives.enqueue(instance.locale_id)


def connect_related():
    for name, signal in [
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("deleted", post_delete),
    ]:
        signal.connect(
            initiative_changed, sender=InitiativePage, dispatch_uid=f"knowledge_related_{name}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            visibility_changed_below,
            sender=PageViewRestriction,
            dispatch_uid=f"knowledge_related_restriction_{signal is post_save}",
        )
    post_page_move.connect(visibility_changed_below, dispatch_uid="knowledge_related_move")
    for model in (SustainableDevelopmentGoal, Theme):
        post_delete.connect(
            taxonomy_removed, sender=model, dispatch_uid=f"knowledge_related_{model.__name__}"
        )


def register_signal_handlers():
    post_page_move.connect(keep_initiative_city, dispatch_uid="knowledge_keep_initiative_city")
    post_save.connect(city_saved, sender=CityPage, dispatch_uid="knowledge_city_saved")
    post_save.connect(
        city_index_saved, sender=CityIndexPage, dispatch_uid="knowledge_city_index_saved"
    )
    task_rejected.connect(on_task_rejected, dispatch_uid="knowledge_task_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="knowledge_workflow_approved")
    for model in (SustainableDevelopmentGoal, SDGTarget, Theme):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_taxonomies,
                sender=model,
                dispatch_uid=f"knowledge_taxonomy_cache_{signal is post_save}_{model.__name__}",
            )
    connect_open_data_export()
    connect_uploads()
    connect_related()
