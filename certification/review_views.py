"""The technical review and the secretariat's part: the list of applications to review,
assigning reviewers, conflict declarations, assessments, clarification and completion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from . import permissions, workflow
from .forms import (
    AssessmentForm,
    AssignForm,
    ClarificationForm,
    ConflictForm,
    RecommendationForm,
    UnassignForm,
)
from .models import Application
from .models.applications import localize
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
    if not permissions.can_review(request.user, application):
        raise Http404
    criteria = application.criteria_version.criteria_in(request.LANGUAGE_CODE)
    existing = {a.criterion_code: a for a in application.assessments.all()}
    answers = {a.criterion_code: a for a in application.answers.prefetch_related("evidence")}
    if request.method == "POST":
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
                workflow.save_assessments(application, results, request.user)
            except workflow.TransitionError as error:
                messages.error(request, str(error))
                return _back(application)
            messages.success(request, _("The assessments were saved."))
            return _back(application)
        messages.error(request, _("Nothing was saved: correct the errors below."))
        status = 400
    else:
        forms = []
        for criterion in criteria:
            current = existing.get(criterion["code"])
            initial = {"result": current.result, "comment": current.comment} if current else {}
            forms.append((criterion, AssessmentForm(initial=initial, prefix=criterion["code"])))
        status = 200
    rows = [
        {"criterion": criterion, "form": form, "answer": answers.get(criterion["code"])}
        for criterion, form in forms
    ]
    return render(
        request,
        "certification/assess.html",
        {"application": application, "stage": application.stage(Locale.get_active()), "rows": rows},
        status=status,
    )


@application_view
@require_POST
def clarify(request, application):
    if not permissions.can_review(request.user, application):
        raise Http404
    form = ClarificationForm(request.POST)
    if not form.is_valid():
        return _rerender(request, application, clarification_form=form)
    workflow.request_clarification(
        application, request.user, form.cleaned_data["message"], form.cleaned_data["deadline"]
    )
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
