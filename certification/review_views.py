"""The technical review and the secretariat's part: the list of applications to review,
assigning reviewers, conflict declarations, assessments, clarification and completion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from . import clarification, permissions, scoring, workflow
from .forms import (
    AssessmentForm,
    AssignForm,
    ConflictForm,
    RecommendationForm,
    UnassignForm,
)
from .models import Application
from .models.applications import localize
from .review_forms import ClarificationForm, ConsensusForm
from .views import application_view, detail_context


@login_required
def review_list(request):
    user = request.user
    if not (permissions.sees_all(user) or permissions.is_reviewer(user)):
        raise Http404
    queryset = permissions.visible_applications(user)
    if not permissions.sees_all(user):
        queryset = queryset.filter(assignments__reviewer=user)
    queryset = queryset.exclude(status=Application.Status.DRAFT).select_related("criteria_version")
    status = request.GET.get("status", "")
    if status in Application.Status.values:
        queryset = queryset.filter(status=status)
    applications = localize(queryset.order_by("-submitted_at", "-pk")[:200], Locale.get_active())
    rows = [
        {"application": a, "stage": a.stage_in_locale, "city": a.city_in_locale}
        for a in applications
    ]
    return render(
        request,
        "certification/review_list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": [s for s in Application.Status.choices if s[0] != "draft"],
        },
    )


def _back(application):
    return redirect("certification:application", application.pk)


def _rerender(request, application, status=400, **forms):
    context = detail_context(request, application, **forms)
    return render(request, "certification/application_detail.html", context, status=status)


@application_view
@require_POST
def assign(request, application):
    if not permissions.is_secretariat(request.user):
        raise Http404
    form = AssignForm(request.POST, application=application)
    if not form.is_valid():
        return _rerender(request, application, assign_form=form)
    try:
        workflow.assign(application, form.cleaned_data["reviewer"], request.user)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The reviewer was assigned and told by e-mail."))
    return _back(application)


@application_view
@require_POST
def unassign(request, application, assignment_id):
    if not permissions.is_secretariat(request.user):
        raise Http404
    assignment = application.assignments.select_related("reviewer").filter(pk=assignment_id)
    assignment = assignment.first()
    if assignment is None:
        raise Http404
    form = UnassignForm(request.POST, prefix=f"unassign{assignment.pk}")
    if not form.is_valid():
        return _rerender(request, application, unassign_forms={assignment.pk: form})
    workflow.unassign(assignment, request.user, form.cleaned_data["reason"])
    messages.success(request, _("The reviewer was taken off this application and told why."))
    return _back(application)


@application_view
@require_POST
def declare(request, application):
    assignment = permissions.assignment_of(request.user, application)
    if assignment is None:
        raise Http404
    form = ConflictForm(request.POST)
    if not form.is_valid():
        return _rerender(request, application, conflict_form=form)
    try:
        workflow.declare(
            assignment,
            form.cleaned_data["has_conflict"],
            form.cleaned_data["details"],
            request.user,
        )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return _back(application)
    if form.cleaned_data["has_conflict"]:
        messages.success(
            request, _("Thank you. You are withdrawn from this review; the secretariat is told.")
        )
        return redirect("certification:review_list")
    messages.success(request, _("Thank you. You can now review the application."))
    return _back(application)


@application_view
def assess(request, application):
    """The assessor's own scores, which nobody else sees before they submit them; "submit"
    makes them final."""
    if not permissions.can_review(request.user, application):
        raise Http404
    assignment = permissions.assignment_of(request.user, application)
    criteria = application.criteria_version.criteria_in(request.LANGUAGE_CODE)
    existing = {s.criterion_code: s for s in assignment.scores.all()}
    answers = {a.criterion_code: a for a in application.answers.prefetch_related("evidence")}
    locked = assignment.scores_submitted_at is not None
    status = 200
    if request.method == "POST" and not locked:
        forms = [
            (criterion, AssessmentForm(request.POST, prefix=criterion["code"]))
            for criterion in criteria
        ]
        if all(form.is_valid() for _criterion, form in forms):
            results = {
                criterion["code"]: (form.cleaned_data["result"], form.cleaned_data["comment"])
                for criterion, form in forms
            }
            try:
                scoring.save_scores(assignment, results, request.user)
                if "submit" in request.POST:
                    scoring.submit_scores(assignment, request.user)
            except scoring.ScoringError as error:
                messages.error(request, str(error))
                return redirect("certification:assess", application.pk)
            if "submit" in request.POST:
                messages.success(request, _("Your scores are submitted."))
                return _back(application)
            messages.success(request, _("The assessments were saved."))
            return redirect("certification:assess", application.pk)
        messages.error(request, _("Nothing was saved: correct the errors below."))
        status = 400
    else:
        forms = []
        for criterion in criteria:
            current = existing.get(criterion["code"])
            initial = {"result": current.result, "comment": current.comment} if current else {}
            form = AssessmentForm(initial=initial, prefix=criterion["code"])
            if locked:
                for field in form.fields.values():
                    field.disabled = True
            forms.append((criterion, form))
    rows = [
        {"criterion": criterion, "form": form, "answer": answers.get(criterion["code"])}
        for criterion, form in forms
    ]
    return render(
        request,
        "certification/assess.html",
        {
            "application": application,
            "stage": application.stage(Locale.get_active()),
            "rows": rows,
            "locked": locked,
        },
        status=status,
    )


@application_view
def consensus(request, application):
    """Both assessors' scores side by side and the agreed score of each criterion, with the
    reason wherever they differ. Open to the assessors once both submitted, and to the
    secretariat and committee; recorded by the assessors while the application is in review."""
    if not scoring.may_compare(request.user, application):
        raise Http404
    rows = scoring.consensus_rows(application, request.LANGUAGE_CODE)
    can_record = permissions.can_review(request.user, application) and (
        scoring.ready_for_consensus(application)
    )
    status = 200
    if request.method == "POST":
        if not can_record:
            raise Http404
        for row in rows:
            row["form"] = ConsensusForm(
                request.POST, prefix=row["criterion"]["code"], differ=row["differ"]
            )
        if all(row["form"].is_valid() for row in rows):
            agreed = {
                row["criterion"]["code"]: (
                    row["form"].cleaned_data["result"],
                    row["form"].cleaned_data["comment"],
                    row["form"].cleaned_data.get("reason", ""),
                )
                for row in rows
            }
            try:
                scoring.record_consensus(application, agreed, request.user)
            except scoring.ScoringError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The agreed scores were recorded."))
                return _back(application)
        else:
            messages.error(request, _("Nothing was saved: correct the errors below."))
        status = 400
    elif can_record:
        for row in rows:
            agreed = row["agreed"]
            initial = (
                {
                    "result": agreed.result,
                    "comment": agreed.comment,
                    "reason": agreed.difference_reason,
                }
                if agreed
                else {}
            )
            row["form"] = ConsensusForm(
                initial=initial, prefix=row["criterion"]["code"], differ=row["differ"]
            )
    return render(
        request,
        "certification/consensus.html",
        {
            "application": application,
            "stage": application.stage(Locale.get_active()),
            "rows": rows,
            "can_record": can_record,
        },
        status=status,
    )


@application_view
@require_POST
def clarify(request, application):
    """A round of questions per criterion, asked by an assessor or the secretariat."""
    if not permissions.can_ask_clarification(request.user, application):
        raise Http404
    criteria = application.criteria_version.criteria_in(request.LANGUAGE_CODE)
    form = ClarificationForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return _rerender(request, application, clarification_form=form)
    try:
        clarification.request(
            application, request.user, form.questions, form.cleaned_data["deadline"]
        )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return _back(application)
    messages.success(request, _("The application went back to the city with your request."))
    return _back(application)


@application_view
@require_POST
def complete(request, application):
    if not permissions.can_review(request.user, application):
        raise Http404
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        return _rerender(request, application, recommendation_form=form)
    try:
        workflow.complete_review(
            application,
            request.user,
            form.cleaned_data["recommendation"],
            form.cleaned_data["rationale"],
        )
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return _rerender(request, application, recommendation_form=form)
    messages.success(request, _("The review is complete; the stage report is ready."))
    return _back(application)
