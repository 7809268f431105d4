from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_rejected,
    workflow_approved,
)

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
from .moderation import on_task_rejected, on_workflow_approved
from .tasks import queue_open_data_export

PUBLIC_COLLECTION = "Initiatives"


def keep_initiative_city(sender, instance, parent_page_after, **kwargs):
    """An initiative moved to another city belongs to that city (Wagtail's move skips save())."""
    if issubclass(sender, InitiativePage):
        city_id = parent_page_after.pk if parent_page_after.specific_class is CityPage else None
        InitiativePage.objects.filter(pk=instance.pk).update(city_id=city_id)


def city_saved(sender, instance, created, raw=False, **kwargs):
    """A new city, or a city in a new language: its contributors get permissions on it."""
    if created and not raw:
        from .members import ensure_city_group

        ensure_city_group(instance)


def city_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from wagtail.models import Workflow, WorkflowPage

        from .setup import WORKFLOW_NAME

        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is not None:
            WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})


def initiative_published(sender, instance, **kwargs):
    """Once an initiative is public, so are its image and documents (until then they sit in the
    city's private collection)."""
    public = Collection.objects.filter(name=PUBLIC_COLLECTION, depth=2).first()
    if public is None:
        public = Collection.get_first_root_node().add_child(name=PUBLIC_COLLECTION)
    image_ids = [
        block.value.pk
        for block in instance.media
        if block.block_type == "image" and block.value is not None
    ]
    if instance.image_id:
        image_ids.append(instance.image_id)
    if image_ids:
        get_image_model().objects.filter(pk__in=image_ids).exclude(collection=public).update(
            collection=public
        )
    document_ids = [
        block.value["document"].pk
        for block in instance.media
        if block.block_type == "document" and block.value["document"] is not None
    ]
    if document_ids:
        from wagtail.documents import get_document_model

        get_document_model().objects.filter(pk__in=document_ids).update(collection=public)


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


def register_signal_handlers():
    post_page_move.connect(keep_initiative_city, dispatch_uid="knowledge_keep_initiative_city")
    post_save.connect(city_saved, sender=CityPage, dispatch_uid="knowledge_city_saved")
    post_save.connect(
        city_index_saved, sender=CityIndexPage, dispatch_uid="knowledge_city_index_saved"
    )
    page_published.connect(
        initiative_published, sender=InitiativePage, dispatch_uid="knowledge_initiative_published"
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
