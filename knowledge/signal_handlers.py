from django.db.models.signals import post_delete, post_save

from wagtail.models import Collection
from wagtail.signals import page_published, post_page_move, task_rejected, workflow_approved

from .models import (
    CityIndexPage,
    CityPage,
    InitiativePage,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)
from .models.localized import invalidate_taxonomies
from .moderation import on_task_rejected, on_workflow_approved

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
    if instance.image_id:
        type(instance.image).objects.filter(pk=instance.image_id).exclude(collection=public).update(
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
