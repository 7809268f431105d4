"""The moderators' role and the moderation workflow, set up once (see knowledge.roles) after
the app's migrations, and a contributor group for each city."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from .members.membership import ensure_city_group
from .models import CityIndexPage, CityPage, InitiativeModerationTask
from .roles import MODERATORS, ensure_role

MODERATORS_NAME = "Moderators"
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


def moderation_workflow(active=True):
    """The workflow that moderates initiatives: the one with an initiative moderation task (an
    administrator may rename it, or the task). With `active=None`, a deactivated one too."""
    tasks = InitiativeModerationTask.objects.all()
    workflows = Workflow.objects.filter(workflow_tasks__task__in=tasks)
    if active:
        workflows = workflows.filter(active=True, workflow_tasks__task__active=True)
    return workflows.order_by("pk").first()


def ensure_moderation_workflow(moderators, reset=False):
    """The moderation workflow on every city index. Run when the moderators' role is set up (or
    reset), so an administrator's later changes to the workflow, its tasks or its pages are
    kept."""
    workflow = moderation_workflow(active=None)
    if workflow is None:
        task = InitiativeModerationTask.objects.create(name=WORKFLOW_NAME)
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    elif reset and not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    for task in InitiativeModerationTask.objects.filter(workflow_tasks__workflow=workflow):
        task.groups.add(moderators)
    for index in CityIndexPage.objects.all():
        if reset:
            WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
        else:
            WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_moderators(reset=False):
    """Wagtail's Moderators group (publish on the whole tree) moderates initiatives and
    registrations too."""
    group, _ = ensure_role(
        MODERATORS,
        MODERATORS_NAME,
        MODERATOR_PERMISSIONS,
        collection_permissions=MODERATOR_COLLECTION_PERMISSIONS,
        setup=ensure_moderation_workflow,
        reset=reset,
    )
    return group


def ensure_city_groups():
    seen = set()
    for city in CityPage.objects.order_by("pk"):
        if city.translation_key not in seen:
            seen.add(city.translation_key)
            ensure_city_group(city)


def ensure_knowledge_roles(reset=False):
    ensure_moderators(reset=reset)
    ensure_city_groups()
