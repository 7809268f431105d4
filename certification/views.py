"""The city's side of certification: its applications, answers and evidence, submission and
clarifications; the application page that everyone allowed to see it shares; evidence downloads
and the stage report. The reviewers' and secretariat's actions are in review_views."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale, ModelLogEntry

from files import names, serving

from . import appeals, audit, clarification, independence, permissions, scoring, workflow
from .forms import (
    AnswerForm,
    AppealForm,
    ApplyForm,
    AssignForm,
    ConflictForm,
    EvidenceForm,
    RecommendationForm,
    UnassignForm,
    WorkbookForm,
)
from .models import Answer, Application, Evidence
from .models.applications import localize
from .review_forms import ClarificationForm, ResponseForm

# Statuses in which the technical review is complete and its report exists.
REPORTED = (
    Application.Status.REVIEWED,
    Application.Status.CERTIFIED,
    Application.Status.NOT_ELIGIBLE,
)


def application_view(view):
    """Signed-in users who may see the application; 404 for everyone else, so that nobody
    learns which applications exist."""

    @wraps(view)
    @login_required
    def wrapper(request, pk, *args, **kwargs):
        application = (
            permissions.visible_applications(request.user)
            .select_related("criteria_version", "certifying_body", "appeal")
            .filter(pk=pk)
            .first()
        )
        if application is None or permissions.barred(request.user, application):
            raise Http404
        return view(request, application, *args, **kwargs)

    return wrapper


@login_required
def applications(request):
    city_key = permissions.city_key_of(request.user)
    if city_key is None:
        if permissions.sees_all(request.user) or permissions.is_reviewer(request.user):
            return redirect("certification:review_list")
        return render(request, "knowledge/my_city/not_a_member.html", status=403)
    own = localize(
        Application.objects.filter(city_key=city_key).select_related("criteria_version"),
        Locale.get_active(),
    )
    stage = workflow.next_stage(city_key)
    return render(
        request,
        "certification/application_list.html",
        {
            "applications": [(a, a.stage_in_locale) for a in own],
            "next_stage": _localized_stage(stage, request),
            "form": ApplyForm(initial={"language": request.LANGUAGE_CODE}),
        },
    )


def _localized_stage(stage, request):
    if stage is None:
        return None
    return stage.get_translation_or_none(Locale.get_active()) or stage


@login_required
@require_POST
def apply(request):
    city_key = permissions.city_key_of(request.user)
    if city_key is None:
        raise Http404
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the application."))
        return redirect("certification:applications")
    try:
        application = workflow.start(city_key, request.user, form.cleaned_data["language"])
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return redirect("certification:applications")
    messages.success(request, _("Your application is open as a draft."))
    return redirect("certification:application", application.pk)


def _history(application):
    return (
        ModelLogEntry.objects.for_instance(application)
        .select_related("user")
        .order_by("timestamp", "pk")
    )


def _criteria_rows(application, request, with_assessments):
    answers = {
        answer.criterion_code: answer for answer in application.answers.prefetch_related("evidence")
    }
    assessments = (
        {a.criterion_code: a for a in application.assessments.all()} if with_assessments else {}
    )
    return [
        {
            "criterion": criterion,
            "answer": answers.get(criterion["code"]),
            "assessment": assessments.get(criterion["code"]),
        }
        for criterion in application.criteria_version.criteria_in(request.LANGUAGE_CODE)
    ]


def _assignments(application, forms):
    """The application's reviewers for the secretariat: each with a registered conflict (if
    any) and the form that takes them off with a reason."""
    conflicted = independence.conflicted_user_ids(application)
    assignments = list(application.assignments.select_related("reviewer"))
    for assignment in assignments:
        assignment.registered_conflict = assignment.reviewer_id in conflicted
        assignment.unassign_form = forms.get(assignment.pk) or UnassignForm(
            prefix=f"unassign{assignment.pk}"
        )
    return assignments


def detail_context(request, application, **extra):
    user = request.user
    assignment = permissions.assignment_of(user, application)
    is_city = permissions.is_city_member(user, application)
    undeclared = assignment is not None and assignment.declared_at is None
    sees_content = not undeclared
    reviewed = application.status in REPORTED
    staff = permissions.sees_all(user) or (assignment is not None and assignment.cleared)
    context = {
        "application": application,
        "stage": application.stage(Locale.get_active()),
        "city": application.city(Locale.get_active()),
        "body": application.certifying_body.get_translation_or_none(Locale.get_active())
        or application.certifying_body,
        "is_city": is_city,
        "can_edit": permissions.can_edit(user, application),
        "can_see_evidence": permissions.can_see_evidence(user, application),
        "can_review": permissions.can_review(user, application),
        "sees_content": sees_content,
        "assignment": assignment,
        "rows": _criteria_rows(application, request, staff or reviewed) if sees_content else [],
        "show_assessments": staff or reviewed,
        "reported": reviewed,
        "decisions": application.agenda_items.exclude(outcome="").select_related("meeting"),
        "certificate": getattr(application, "certificate", None)
        if application.status == Application.Status.CERTIFIED
        else None,
        "history": _history(application) if (staff or is_city) else [],
        "can_export_history": permissions.is_secretariat(user),
        "assignments": _assignments(application, extra.pop("unassign_forms", {}))
        if permissions.sees_all(user)
        else [],
    }
    if undeclared:
        context["conflict_form"] = ConflictForm()
    if permissions.is_secretariat(user) and application.status in (
        Application.Status.SUBMITTED,
        Application.Status.IN_REVIEW,
        Application.Status.CLARIFICATION,
    ):
        context["assign_form"] = AssignForm(application=application)
    if context["can_review"]:
        context["recommendation_form"] = RecommendationForm()
        context["assessors"] = scoring.assessors(application)
        context["ready_for_consensus"] = scoring.ready_for_consensus(application)
    if permissions.can_ask_clarification(user, application):
        context["clarification_form"] = ClarificationForm(
            criteria=application.criteria_version.criteria_in(request.LANGUAGE_CODE)
        )
    context["clarification_rounds"] = (
        clarification.threads(application) if (staff or is_city) else []
    )
    open_round = clarification.open_round(application) if is_city else None
    if open_round is not None and application.status == Application.Status.CLARIFICATION:
        context["open_round"] = open_round
        context["response_form"] = ResponseForm(questions=open_round.questions.all())
    if context["can_edit"]:
        context["workbook_form"] = WorkbookForm()
    deadline = appeals.appeal_deadline(application) if is_city else None
    if deadline is not None and timezone.localdate() <= deadline:
        context["appeal_deadline"] = deadline
        context["appeal_form"] = AppealForm()
    context["appeal"] = getattr(application, "appeal", None) if (staff or is_city) else None
    context.update(extra)
    return context


@application_view
def application(request, application):
    return render(
        request, "certification/application_detail.html", detail_context(request, application)
    )


@application_view
def answer(request, application, code):
    if not permissions.can_edit(request.user, application):
        raise Http404
    criterion = application.criteria_version.criterion(code, request.LANGUAGE_CODE)
    if criterion is None:
        raise Http404
    record, _created = Answer.objects.get_or_create(application=application, criterion_code=code)
    if request.method == "POST":
        answer_form = AnswerForm(request.POST)
        evidence_form = EvidenceForm(request.POST, request.FILES)
        if answer_form.is_valid() and evidence_form.is_valid():
            before = (record.narrative, record.self_rating)
            record.narrative = answer_form.cleaned_data["narrative"]
            record.self_rating = answer_form.cleaned_data["self_rating"]
            if (record.narrative, record.self_rating) != before:
                record.save()
                audit.answer_edited(application, record, request.user, before)
            if not evidence_form.is_empty:
                item = _add_evidence(record, evidence_form.cleaned_data, request.user)
                audit.evidence_added(application, item, request.user)
            messages.success(request, _("Saved."))
            if "continue" in request.POST:
                return redirect("certification:answer", application.pk, code)
            return redirect("certification:application", application.pk)
        status = 400
        messages.error(request, _("Nothing was saved: correct the errors below."))
    else:
        answer_form = AnswerForm(
            initial={"narrative": record.narrative, "self_rating": record.self_rating}
        )
        evidence_form = EvidenceForm()
        status = 200
    return render(
        request,
        "certification/answer_form.html",
        {
            "application": application,
            "stage": application.stage(Locale.get_active()),
            "criterion": criterion,
            "answer": record,
            "answer_form": answer_form,
            "evidence_form": evidence_form,
        },
        status=status,
    )


def _add_evidence(answer, data, user):
    upload = data.get("file")
    item = Evidence(
        answer=answer,
        data_source=data.get("data_source", ""),
        period=data.get("period", ""),
        language=data["language"],
        uploaded_by=user,
    )
    if upload:
        item.original_name = upload.name[:255]
        item.size = upload.size
        item.file.save(upload.name, upload, save=False)
    item.save()
    return item


@application_view
@require_POST
def evidence_delete(request, application, evidence_id):
    if not permissions.can_edit(request.user, application):
        raise Http404
    item = Evidence.objects.filter(pk=evidence_id, answer__application=application).first()
    if item is None:
        raise Http404
    code = item.answer.criterion_code
    audit.evidence_deleted(application, item, request.user)
    if item.file:
        item.file.delete(save=False)
    item.delete()
    messages.success(request, _("The evidence was removed."))
    return redirect("certification:answer", application.pk, code)


def evidence_download(request, pk, evidence_id):
    """Checked on every request: there is no other way to reach an evidence file. A file
    address answers 404 to everyone who may not have it, signed in or not."""
    application = permissions.visible_applications(request.user).filter(pk=pk).first()
    if application is None or not permissions.can_see_evidence(request.user, application):
        raise Http404
    item = Evidence.objects.filter(pk=evidence_id, answer__application=application).first()
    if item is None or not item.file:
        raise Http404
    audit.evidence_downloaded(application, item, request.user)
    return serving.serve(
        item.file.storage,
        item.file.name,
        filename=item.original_name or "evidence" + names.extension(item.file.name),
        attachment=True,
    )


@application_view
@require_POST
def submit(request, application):
    if not permissions.is_city_member(request.user, application):
        raise Http404
    errors = workflow.submission_errors(application)
    if errors:
        messages.error(request, _("The application cannot be submitted yet: see below."))
        context = detail_context(request, application, submission_errors=errors)
        return render(request, "certification/application_detail.html", context, status=400)
    try:
        workflow.submit(application, request.user)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application was submitted for review."))
    return redirect("certification:application", application.pk)


@application_view
@require_POST
def appeal(request, application):
    if not permissions.is_city_member(request.user, application):
        raise Http404
    form = AppealForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, application)
        context["appeal_form"] = form
        return render(request, "certification/application_detail.html", context, status=400)
    try:
        appeals.appeal(application, request.user, form.cleaned_data["grounds"])
    except workflow.TransitionError as error:
        messages.error(request, str(error))
        return redirect("certification:application", application.pk)
    messages.success(
        request, _("Your appeal is recorded. Add the new evidence, then submit the application.")
    )
    return redirect("certification:application", application.pk)


@application_view
@require_POST
def respond(request, application):
    """The city's answers to each question of the open clarification round."""
    if not permissions.is_city_member(request.user, application):
        raise Http404
    open_round = clarification.open_round(application)
    if open_round is None:
        messages.error(request, _("No clarification is awaited from your city."))
        return redirect("certification:application", application.pk)
    form = ResponseForm(request.POST, questions=open_round.questions.all())
    if not form.is_valid():
        context = detail_context(request, application, response_form=form)
        return render(request, "certification/application_detail.html", context, status=400)
    try:
        clarification.respond(application, request.user, form.answers)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your answer went back to the reviewers."))
    return redirect("certification:application", application.pk)
