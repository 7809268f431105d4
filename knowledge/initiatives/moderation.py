"""Moderation of initiatives: submitting from My City, the state each initiative is in, the
"decline for good" action and the e-mails that tell the submitter, in their language."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import TaskState, WorkflowState

from ..models import InitiativeDecision, InitiativePage


class SubmissionError(Exception):
    pass


@dataclass(frozen=True)
class SubmissionState:
    """Where an initiative stands, as its city sees it in My City."""

    code: str  # draft, in_moderation, changes_requested, published, declined
    label: str
    comment: str = ""
    live_has_pending_changes: bool = False
    # The latest changes of a live initiative were declined; the live version stays.
    changes_declined: bool = False

    @property
    def can_edit(self):
        return self.code != "declined"


STATE_LABELS = {
    "draft": _("Draft"),
    "in_moderation": _("In moderation"),
    "changes_requested": _("Changes requested"),
    "published": _("Published"),
    "declined": _("Declined"),
}


def _state(code, **kwargs):
    return SubmissionState(code=code, label=str(STATE_LABELS[code]), **kwargs)


def submission_state(page):
    decision = InitiativeDecision.objects.filter(page=page).order_by("-decided_at", "-pk").first()
    if decision is not None and decision.revision_id is None:
        return _state("declined", comment=decision.reason)
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            task_state = workflow_state.current_task_state
            comment = task_state.specific.get_comment() if task_state else ""
            return _state("changes_requested", comment=comment, live_has_pending_changes=page.live)
        return _state("in_moderation", live_has_pending_changes=page.live)
    if page.live:
        if decision is not None and _no_edit_since(page, decision):
            return _state("published", comment=decision.reason, changes_declined=True)
        return _state("published", live_has_pending_changes=page.has_unpublished_changes)
    return _state("draft")


def _no_edit_since(page, decision):
    latest = page.latest_revision
    return latest is None or latest.created_at <= decision.decided_at


def submit_for_moderation(page, user):
    """Start (or resume) the moderation workflow on the page's latest revision.

    Wagtail's admin does this when an editor presses "Submit"; submissions from My City go
    through here so that they follow the same workflow.
    """
    if InitiativeDecision.objects.filter(page=page, revision__isnull=True).exists():
        raise SubmissionError(_("This initiative was declined and cannot be submitted again."))
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            workflow_state.resume(user)
            return workflow_state
        return workflow_state  # already in moderation: the new revision is what moderators see
    workflow = page.get_workflow()
    if workflow is None:
        raise SubmissionError(_("No moderation workflow applies to this page."))
    return workflow.start(page, user)


def decline_initiative(task_state, user, reason):
    """Record the decision, end the workflow and tell the submitter.

    A live initiative keeps its live version: only the revision in moderation is declined, and
    the page's latest revision goes back to the live one, so the city edits from what is
    published, as before it submitted the changes.
    """
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    revision = task_state.revision if page.live else None
    InitiativeDecision.objects.update_or_create(
        page=page, revision=revision, defaults={"reason": reason, "decided_by": user}
    )
    requested_by = workflow_state.requested_by
    workflow_state.cancel(user=user)
    if revision is not None and page.live_revision_id:
        type(page).objects.filter(pk=page.pk).update(
            latest_revision_id=page.live_revision_id, has_unpublished_changes=False
        )
    # Keep the reason with the task, where the workflow history shows it.
    TaskState.objects.filter(pk=task_state.pk).update(comment=reason, finished_by=user)
    log(instance=page, action="knowledge.decline", user=user, data={"reason": reason})
    outcome = "declined" if revision is None else "changes_declined"
    notify_submitter(requested_by, page, outcome, reason)


def notify_submitter(user, page, outcome, comment=""):
    """E-mail the member who submitted `page` what moderators decided, in the page's language."""
    if user is None or not user.email:
        return
    language = page.locale.language_code
    with translation.override(language):
        subjects = {
            "approved": _("Your initiative “%(title)s” is published"),
            "changes_requested": _("Changes requested on your initiative “%(title)s”"),
            "declined": _("Your initiative “%(title)s” was declined"),
            "changes_declined": _("Your changes to the initiative “%(title)s” were declined"),
        }
        context = {
            "user": user,
            "page": page,
            "outcome": outcome,
            "comment": comment,
            "my_city_url": settings.WAGTAILADMIN_BASE_URL + f"/{language}/my-city/",
        }
        body = render_to_string("knowledge/emails/moderation_outcome.txt", context)
        send_mail(str(subjects[outcome]) % {"title": page.title}, body, None, [user.email])


def _specific(obj):
    """The object in a workflow state: a page as its specific type, or a snippet as it is."""
    return getattr(obj, "specific", obj)


def on_task_rejected(sender, instance, user, **kwargs):
    """Request changes: the submitter hears it with the moderator's comment."""
    page = _specific(instance.workflow_state.content_object)
    if isinstance(page, InitiativePage):
        notify_submitter(
            instance.workflow_state.requested_by, page, "changes_requested", instance.get_comment()
        )


def on_workflow_approved(sender, instance, user, **kwargs):
    page = _specific(instance.content_object)
    if isinstance(page, InitiativePage):
        task_state = instance.task_states.order_by("-finished_at").first()
        comment = task_state.get_comment() if task_state else ""
        notify_submitter(instance.requested_by, page, "approved", comment)
