"""The secretariat's workload dashboard in the admin: applications by state, days waiting in
each step against its target, reviewers' loads, and clarifications past their deadline."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from . import permissions
from .clarification import overdue_rounds
from .conf import app_settings
from .models import Application, TechnicalReviewer
from .models.applications import localize

Status = Application.Status
# Steps the secretariat watches, in order; the target (days) is CERTIFICATION_TARGET_DAYS.
WATCHED = [Status.SUBMITTED, Status.IN_REVIEW, Status.CLARIFICATION, Status.REVIEWED]
OPEN_REVIEW = [Status.SUBMITTED, Status.IN_REVIEW, Status.CLARIFICATION]
ROWS_PER_STEP = 50


def dashboard(request):
    if not permissions.is_secretariat(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    now = timezone.now()
    targets = app_settings.CERTIFICATION_TARGET_DAYS
    counts = dict(
        Application.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_state = [(value, label, counts.get(value, 0)) for value, label in Status.choices]

    steps = []
    locale = Locale.get_active()
    for status in WATCHED:
        # updated_at moves with each change of state (every transition saves the application).
        waiting = (
            Application.objects.filter(status=status)
            .select_related("criteria_version")
            .order_by("updated_at")[:ROWS_PER_STEP]
        )
        rows = []
        for application in localize(waiting, locale):
            days = (now - application.updated_at).days
            target = targets.get(status)
            rows.append(
                {
                    "application": application,
                    "days": days,
                    "target": target,
                    "late": target is not None and days > target,
                }
            )
        steps.append({"status": Status(status), "target": targets.get(status), "rows": rows})

    loads = (
        TechnicalReviewer.objects.filter(active=True)
        .select_related("user")
        .annotate(
            open_reviews=Count(
                "user__review_assignments",
                filter=Q(user__review_assignments__application__status__in=OPEN_REVIEW)
                & ~Q(user__review_assignments__has_conflict=True),
            ),
            total_reviews=Count("user__review_assignments"),
        )
        .order_by("-open_reviews", "user__last_name")
    )
    rounds = list(overdue_rounds(today).order_by("deadline")[:ROWS_PER_STEP])
    applications = localize(
        Application.objects.filter(pk__in=[r.application_id for r in rounds]).select_related(
            "criteria_version"
        ),
        locale,
    )
    by_pk = {application.pk: application for application in applications}
    overdue = [{"round": r, "application": by_pk[r.application_id]} for r in rounds]
    return TemplateResponse(
        request,
        "certification/admin/dashboard.html",
        {
            "header_title": gettext_lazy("Certification workload"),
            "by_state": by_state,
            "steps": steps,
            "loads": loads,
            "overdue": overdue,
            "today": today,
        },
    )


urlpatterns = [path("", dashboard, name="dashboard")]
