from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from . import permissions, workflow
from .dashboard import urlpatterns
from .dashboard_waiting import waiting
from .models import Application, Vote
from .register import current_certificate_of, register_rows
from .viewsets import CertificationViewSetGroup

register_snippet(CertificationViewSetGroup)

LOG_ACTIONS = [
    ("certification.start", _("Start application"), _("Application started")),
    ("certification.submit", _("Submit application"), _("Application submitted")),
    ("certification.assign", _("Assign reviewer"), _("Reviewer assigned")),
    ("certification.unassign", _("Withdraw reviewer"), _("Back to the secretariat")),
    ("certification.reviewer_unassigned", _("Unassign reviewer"), _("Reviewer unassigned")),
    ("certification.clarify", _("Request clarification"), _("Clarification requested")),
    ("certification.respond", _("Answer clarification"), _("Clarification answered")),
    ("certification.remind", _("Remind city"), _("Clarification reminder sent")),
    (
        "certification.deadline_passed",
        _("Clarification deadline"),
        _("Clarification deadline passed"),
    ),
    ("certification.complete", _("Complete review"), _("Review completed")),
    ("certification.workbook", _("Import workbook"), _("Workbook imported")),
    ("certification.meeting_created", _("Plan meeting"), _("Committee meeting planned")),
    ("certification.on_agenda", _("Put on agenda"), _("Put on a committee agenda")),
    ("certification.spot_checks_drawn", _("Draw spot checks"), _("Spot checks drawn")),
    ("certification.spot_check", _("Spot check"), _("Chosen for a spot check")),
    ("certification.decide", _("Decide"), _("Committee decision recorded")),
    ("certification.certificate_issued", _("Issue certificate"), _("Certificate issued")),
    ("certification.certificate_revoked", _("Revoke certificate"), _("Certificate revoked")),
    ("certification.expiry_reminder", _("Remind of expiry"), _("Expiry reminder sent")),
    ("certification.certificate_expired", _("Record expiry"), _("Certificate expired")),
    ("certification.appeal", _("Appeal"), _("Decision appealed")),
    ("certification.scores_submitted", _("Submit scores"), _("Assessor's scores submitted")),
]


class CriterionFormatter(LogFormatter):
    """An action on one criterion's answer, evidence or assessment: the criterion is named."""

    message = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = str(self.message)
        if data.get("criterion"):
            text = f"{text} ({data['criterion']}"
            text += f": {data['name']})" if data.get("name") else ")"
        return text


CRITERION_ACTIONS = [
    ("certification.answer_edited", _("Edit answer"), _("Answer edited")),
    ("certification.evidence_added", _("Add evidence"), _("Evidence added")),
    ("certification.evidence_deleted", _("Delete evidence"), _("Evidence deleted")),
    ("certification.evidence_downloaded", _("Download evidence"), _("Evidence downloaded")),
    ("certification.assessment_changed", _("Assess criterion"), _("Assessment recorded")),
    ("certification.consensus_changed", _("Agree criterion"), _("Agreed score recorded")),
]


class DeclarationFormatter(LogFormatter):
    """A reviewer's declaration, as it was: a conflict, or none."""

    label = _("Declare conflicts")

    def format_message(self, log_entry):
        if log_entry.data.get("conflict"):
            return _("Conflict of interest declared")
        return _("No conflict of interest declared")


class VoteFormatter(LogFormatter):
    """A committee member's vote, with its choice."""

    label = _("Vote")

    def format_message(self, log_entry):
        choice = log_entry.data.get("vote")
        label = Vote.Choice(choice).label if choice in Vote.Choice.values else choice
        return _("Vote cast: %(choice)s") % {"choice": label}


@hooks.register("register_log_actions")
def register_certification_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
    actions.register_action("certification.declare")(DeclarationFormatter)
    actions.register_action("certification.vote")(VoteFormatter)
    for action, label, message in CRITERION_ACTIONS:
        formatter = type("Formatter", (CriterionFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return permissions.sees_all(user) or permissions.is_reviewer(user)


class CommitteeMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.sees_all(request.user)


@hooks.register("register_admin_menu_item")
def register_committee_menu_item():
    return CommitteeMenuItem(
        _("Committee meetings"),
        reverse("certification:meetings"),
        icon_name="date",
        order=371,
    )


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Certification reviews"),
        reverse("certification:review_list"),
        icon_name="tasks",
        order=370,
    )


@hooks.register("my_city_dashboard_sections")
def certification_section(request, membership):
    """My City's certification section: the city's applications and what it can do next."""
    from django.template.loader import render_to_string

    from wagtail.models import Locale

    locale = Locale.get_active()
    applications = [
        (application, application.stage(locale))
        for application in Application.objects.filter(city_key=membership.city_key)
        .select_related("criteria_version")
        .order_by("-created_at")[:5]
    ]
    stage = workflow.next_stage(membership.city_key)
    if stage is not None:
        stage = stage.get_translation_or_none(locale) or stage
    return render_to_string(
        "certification/includes/my_city_section.html",
        {"applications": applications, "next_stage": stage},
        request=request,
    )


@hooks.register("city_page_header")
def current_stage_on_city_page(request, city):
    """The city's current certification stage, with a link to verify the certificate."""
    certificate = current_certificate_of(city.translation_key)
    if certificate is None:
        return None
    register_rows([certificate], city.locale)
    return render_to_string(
        "certification/includes/city_stage.html", {"certificate": certificate}, request=request
    )


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_secretariat(request.user)


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    from django.urls import include, path

    return [path("certification-workload/", include((urlpatterns, "certification_admin")))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Certification workload"),
        reverse("certification_admin:dashboard"),
        icon_name="success",
        order=369,
    )


@hooks.register("waiting_for_user")
def waiting_in_certification(request):
    return waiting(request)
