"""The review step of translations.

A translator submits a translated page or snippet for review; a second translator or a reviewer
of the same language approves it, which publishes it, or requests changes with a comment, and the
translator submits again. Wagtail's workflow machinery carries it: the "Translation review"
workflow (one TranslationReviewTask) is started on the translation by submit_for_review, whatever
workflow the page's place in the tree has (a French initiative's tree gives it the initiatives'
moderation, which is for content, not for its translation). Wagtail logs every transition
(wagtail.workflow.start, .approve, .reject, .resume).

Translators hold no publish permission (cms.roles), so they cannot publish their own work.
Approval publishes through finish_workflow (WAGTAIL_FINISH_WORKFLOW_ACTION, via
knowledge.workflow_finish), once the task has checked the reviewer: of the page's language, not
its author, and the source live and not declined.

Translatable snippets with Wagtail's draft state (reviewed_snippet_models: the SDGs, targets,
themes and navigation menus) go through the same workflow and task: a translation is saved as a
draft and is shown only once live. The workflow is also assigned to their models
(WorkflowContentType), so that Wagtail's snippet editor offers to submit to it. Wagtail-localize
writes a snippet's draft into its row and takes the row offline; submit_for_review keeps a live
row as it was and the draft in a revision, as Wagtail's own editor does.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    Page,
    TaskState,
    TranslatableMixin,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowState,
    WorkflowTask,
)
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail.workflows import publish_workflow_state
from wagtail_localize.models import Translation

from ..permissions import is_declined, translation_source
from .translators import reviewer_languages

REVIEW_WORKFLOW = "Translation review"


class ReviewError(Exception):
    pass


def reviewed_snippet_models():
    """The translatable snippet models whose translations are reviewed: those with a draft
    state and workflows."""
    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and issubclass(model, WorkflowMixin)
    ]


def review_tasks():
    """Every translation review task. The task model is looked up in the app registry: its
    methods call this module, which therefore imports no model of knowledge."""
    return apps.get_model("knowledge", "TranslationReviewTask").objects.all()


def review_workflow():
    """The active workflow with a translation review task, whatever an administrator named it."""
    tasks = review_tasks().filter(active=True)
    return (
        Workflow.objects.filter(active=True, workflow_tasks__task__in=tasks).order_by("pk").first()
    )


def ensure_review_workflow(reset=False):
    """The review workflow, made once with its task and assigned to the reviewed snippet models;
    an administrator's later changes (a renamed task, another task added, another workflow or
    none for a model, the workflow turned off) are kept. With `reset`, it is turned on again and
    the models without a workflow get it again."""
    # An inactive one counts too: an administrator who turned review off keeps it off.
    tasks = review_tasks()
    workflow = Workflow.objects.filter(workflow_tasks__task__in=tasks).order_by("pk").first()
    if workflow is not None and not reset:
        return workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW)
        task = review_tasks().create(name=REVIEW_WORKFLOW)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    for model in reviewed_snippet_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    return workflow


def is_review_workflow(workflow_id):
    return review_tasks().filter(workflow_tasks__workflow_id=workflow_id).exists()


def translation_of(page):
    """The enabled wagtail-localize translation that produces `page` (or a snippet), or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def source_allows_publishing(page):
    """A translation may go live only while its source is live and not declined (an original
    page or snippet, with no source, may), and if it was not declined itself (pages only are
    declined)."""
    if isinstance(page, Page) and is_declined(page):
        return False
    source = translation_source(page)
    if source is None:
        return True
    if isinstance(source, Page):
        return source.live and not is_declined(source)
    return getattr(source, "live", True)


def may_edit(user, obj):
    """Whether `user` may change `obj`, a page or a snippet (its permission policy, by row)."""
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_permission_for_instance(user, "change", obj)


def may_review_language(user, page):
    return user.is_superuser or page.locale.language_code in reviewer_languages(user)


def authors(workflow_state, task_state):
    """Who submitted the work in review: they do not approve it."""
    users = {workflow_state.requested_by_id}
    if task_state is not None and task_state.revision_id:
        users.add(task_state.revision.user_id)
    return users - {None}


def review_actions(page, user):
    """The actions `user` may take on the review of `page`: none unless they review its language
    and did not submit it; approving only while the source allows publishing."""
    if not may_review_language(user, page):
        return []
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    if task_state is None or user.pk in authors(workflow_state, task_state):
        return []
    actions = [("reject", _("Request changes"), True)]
    if source_allows_publishing(page):
        actions += [
            ("approve", _("Approve and publish"), False),
            ("approve", _("Approve with comment"), True),
        ]
    return actions


def task_states_to_review(task, user):
    """The task states of `task` in progress that `user` may act on, pages and snippets of their
    languages (one query, with subqueries)."""
    states = TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
    states = states.exclude(workflow_state__requested_by=user)
    if user.is_superuser:
        return states
    languages = reviewer_languages(user)
    if not languages:
        return TaskState.objects.none()
    in_languages = Q()
    for model in [Page, *reviewed_snippet_models()]:
        ids = (
            model.objects.filter(locale__language_code__in=languages)
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        in_languages |= Q(
            workflow_state__base_content_type=ContentType.objects.get_for_model(model),
            workflow_state__object_id__in=ids,
        )
    return states.filter(in_languages)


def _save_draft(translation, obj, user):
    """Save the translated text as a draft. A live snippet stays as it was; the draft is its
    latest revision (wagtail-localize would write the draft into the row and take it offline)."""
    live = None
    if not isinstance(obj, Page) and obj.live:
        live = type(obj).objects.get(pk=obj.pk).serializable_data()
    translation.save_target(user=user, publish=False)
    if live is not None:
        draft = type(obj).objects.get(pk=obj.pk)
        kept = draft.with_content_json(live)
        kept.live = True
        kept.has_unpublished_changes = True
        kept.save()


@transaction.atomic
def submit_for_review(page, user):
    """Save the translation of `page` (or of a snippet) as a draft from its translated strings
    and send it to review (or back to review, after changes were requested). Returns the
    WorkflowState."""
    translation = translation_of(page)
    if translation is None:
        raise ReviewError(_("This page is not translated in the translation editor."))
    if not may_edit(user, page):
        raise PermissionDenied
    if not source_allows_publishing(page):
        raise ReviewError(
            _(
                "The source of this translation is not published or was declined: "
                "it cannot be reviewed."
            )
        )
    workflow = review_workflow()
    if workflow is None:
        raise ReviewError(_("The translation review workflow is not active."))
    state = page.current_workflow_state
    if state is not None and state.workflow_id != workflow.pk:
        raise ReviewError(_("This page is in another workflow; it cannot be submitted for review."))
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This translation is already waiting for review."))
    try:
        _save_draft(translation, page, user)
    except ValidationError as error:
        raise ReviewError(
            _("The translation cannot be saved: %(errors)s") % {"errors": "; ".join(error.messages)}
        ) from error
    if isinstance(page, Page):
        page = Page.objects.get(pk=page.pk).specific
    else:
        page = type(page).objects.get(pk=page.pk)
    if state is not None:
        state.resume(user=user)
        return state
    return workflow.start(page, user)


def finish_workflow(workflow_state, user=None):
    """Wagtail's finishing action (publish the approved revision), for every workflow. The
    translation review's approver holds no publish permission: the task checked them."""
    if not is_review_workflow(workflow_state.workflow_id):
        return publish_workflow_state(workflow_state, user=user)
    task_state = workflow_state.current_task_state
    page = workflow_state.content_object
    if not source_allows_publishing(page):
        raise PermissionDenied
    revision = task_state.revision if task_state else page.get_latest_revision()
    return revision.publish(user=user, skip_permission_checks=True)
