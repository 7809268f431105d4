"""Groups and the moderation workflow of the knowledge base, created idempotently (see
cms.roles, run after every migration)."""

from django.contrib.auth.models import Group

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .members import MODERATORS, ensure_city_group, permission
from .models import CityIndexPage, CityPage, InitiativeModerationTask

WORKFLOW_NAME = "Initiative moderation"
MODERATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "knowledge.add_initiativepage",
    "knowledge.change_initiativepage",
    "knowledge.delete_initiativepage",
    "knowledge.add_citypage",
    "knowledge.change_citypage",
    "knowledge.delete_citypage",
    "knowledge.view_registration",
    "knowledge.change_registration",
    "knowledge.view_citymembership",
    "knowledge.change_citymembership",
    "knowledge.view_initiativecomment",
    "knowledge.change_initiativecomment",
    "knowledge.delete_initiativecomment",
]
MODERATOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.choose_image",
    "wagtailimages.change_image",
    "wagtaildocs.choose_document",
    "wagtaildocs.change_document",
]


def ensure_moderators():
    """Wagtail's Moderators group (publish on the whole tree) moderates initiatives and
    registrations too."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(*[permission(name) for name in MODERATOR_PERMISSIONS])
    root = Collection.get_first_root_node()
    if root is not None:
        for name in MODERATOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission(name)
            )
    return group


def ensure_moderation_workflow(moderators):
    task = InitiativeModerationTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = InitiativeModerationTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in CityIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_city_groups():
    seen = set()
    for city in CityPage.objects.order_by("pk"):
        if city.translation_key not in seen:
            seen.add(city.translation_key)
            ensure_city_group(city)


def ensure_knowledge_roles():
    moderators = ensure_moderators()
    ensure_moderation_workflow(moderators)
    ensure_city_groups()
