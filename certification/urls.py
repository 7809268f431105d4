"""Certification URLs, inside the language prefix (/<lang>/certification/…)."""

from django.urls import path

from . import committee_views, document_views, public_views, review_views, views

app_name = "certification"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("verify/", public_views.verify, name="verify_form"),
    path("verify/<str:number>/", public_views.verify, name="verify"),
    path(
        "verify/<str:number>/certificate.pdf",
        public_views.certificate_download,
        name="certificate_pdf",
    ),
    path("certificates/<str:number>/revoke/", committee_views.revoke, name="revoke"),
    path("meetings/", committee_views.meetings, name="meetings"),
    path("meetings/new/", committee_views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", committee_views.meeting, name="meeting"),
    path("meetings/<int:pk>/draw/", committee_views.meeting_draw, name="meeting_draw"),
    path("meetings/<int:pk>/items/<int:item_id>/", committee_views.decide, name="decide"),
    path("meetings/<int:pk>/items/<int:item_id>/vote/", committee_views.vote, name="vote"),
    path("meetings/<int:pk>/report/", committee_views.meeting_report, name="meeting_report"),
    path(
        "applications/<int:pk>/workbook.xlsx",
        document_views.workbook_download,
        name="workbook_download",
    ),
    path("applications/<int:pk>/workbook/", document_views.workbook_upload, name="workbook_upload"),
    path("applications/", views.applications, name="applications"),
    path("applications/new/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/criteria/<str:code>/", views.answer, name="answer"),
    path(
        "applications/<int:pk>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence",
    ),
    path(
        "applications/<int:pk>/evidence/<int:evidence_id>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/respond/", views.respond, name="respond"),
    path("applications/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("applications/<int:pk>/report/", document_views.report, name="report"),
    path("applications/<int:pk>/history.csv", document_views.history_csv, name="history_csv"),
    path("applications/<int:pk>/report.pdf", document_views.report_pdf, name="report_pdf"),
    path("review/", review_views.review_list, name="review_list"),
    path("applications/<int:pk>/assign/", review_views.assign, name="assign"),
    path(
        "applications/<int:pk>/assignments/<int:assignment_id>/unassign/",
        review_views.unassign,
        name="unassign",
    ),
    path("applications/<int:pk>/declare/", review_views.declare, name="declare"),
    path("applications/<int:pk>/assess/", review_views.assess, name="assess"),
    path("applications/<int:pk>/consensus/", review_views.consensus, name="consensus"),
    path("applications/<int:pk>/clarify/", review_views.clarify, name="clarify"),
    path("applications/<int:pk>/complete/", review_views.complete, name="complete"),
]
