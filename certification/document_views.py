"""What an application gives as files and documents: the stage report (HTML and PDF), the audit
trail as CSV for the secretariat, and the self-assessment workbook (download and upload)."""

import csv
import io
import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import permissions, workbook, workflow
from .forms import WorkbookForm
from .report import build_report
from .views import REPORTED, _history, application_view, detail_context


def _report_or_404(request, application):
    if application.status not in REPORTED:
        raise Http404
    return build_report(application, request.LANGUAGE_CODE)


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@application_view
def history_csv(request, application):
    """The application's whole audit trail for the secretariat, as CSV."""
    if not permissions.is_secretariat(request.user):
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["time", "action", "event", "user", "details"])
    for entry in _history(application):
        user = entry.user
        writer.writerow(
            _cell(value)
            for value in (
                entry.timestamp.isoformat(),
                entry.action,
                entry.message,
                (user.get_full_name() or user.email or user.get_username()) if user else "",
                json.dumps(entry.data or {}, ensure_ascii=False, sort_keys=True),
            )
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"application-{application.pk}-history.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@application_view
def report(request, application):
    return render(
        request,
        "certification/report.html",
        {"report": _report_or_404(request, application)},
    )


@application_view
def report_pdf(request, application):
    from weasyprint import HTML

    stage_report = _report_or_404(request, application)
    html = render_to_string(
        "certification/report_pdf.html", {"report": stage_report}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"stage-report-{application.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@application_view
def workbook_download(request, application):
    if not permissions.is_city_member(request.user, application):
        raise Http404
    answers = {answer.criterion_code: answer for answer in application.answers.all()}
    data = workbook.build(application, request.LANGUAGE_CODE, answers)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"self-assessment-{application.stage_code}-{application.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@application_view
@require_POST
def workbook_upload(request, application):
    if not permissions.can_edit(request.user, application):
        raise Http404
    form = WorkbookForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        parsed = workbook.parse(form.cleaned_data["workbook"], application)
        errors = parsed.errors
        if not errors:
            workflow.import_workbook(application, parsed.rows, request.user)
            messages.success(
                request,
                _("The workbook filled in %(count)s criteria.") % {"count": len(parsed.rows)},
            )
            return redirect("certification:application", application.pk)
    messages.error(request, _("The workbook was not imported; nothing was changed."))
    context = detail_context(request, application, workbook_form=form, workbook_errors=errors)
    return render(request, "certification/application_detail.html", context, status=400)
