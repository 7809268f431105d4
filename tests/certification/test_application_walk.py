"""The whole path of a qualification application, through the site as its people use it."""

import datetime
import io

from django.core import mail
from django.utils import timezone

import pytest
from pypdf import PdfReader

from certification.models import Application, Evidence
from knowledge.models import InitiativePage
from tests.knowledge.members import member_client

from .conftest import make_reviewer, pdf_upload, secretariat_emails

pytestmark = pytest.mark.django_db


def url(name, application, *args):
    return f"/en/certification/applications/{application.pk}/{name}{'/'.join(args)}"


def test_qualification_application_from_draft_to_stage_report(
    quito, quito_client, quito_member, secretariat, reviewer, django_capture_on_commit_callbacks
):
    # The city starts with qualification, the first stage.
    page = quito_client.get("/en/certification/applications/")
    assert page.status_code == 200
    assert "Qualification (candidate city)" in page.content.decode()
    response = quito_client.post("/en/certification/applications/new/", {"language": "en"})
    application = Application.objects.get(city_key=quito.translation_key)
    assert response.status_code == 302
    assert response["Location"] == f"/en/certification/applications/{application.pk}/"
    assert application.status == "draft"
    assert application.stage_code == "qualification"
    assert application.criteria_version.codes == ["Q1", "Q2", "Q3"]

    # A draft is saved with only a narrative; submitting refuses it, naming what is missing.
    response = quito_client.post(
        url("criteria/", application, "Q1/"),
        {"narrative": "We reviewed our plans and data in 2023.", "self_rating": "largely"},
    )
    assert response.status_code == 302
    response = quito_client.post(url("submit/", application))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Add at least one piece of evidence." in body
    assert "We reviewed our plans and data in 2023." in body
    application.refresh_from_db()
    assert application.status == "draft"

    # Every answer with its evidence: a file, a data source or both, as each criterion asks.
    for criterion in application.criteria_version.criteria_in("en"):
        data = {
            "narrative": f"Our answer to {criterion['code']}.",
            "self_rating": "largely",
            "data_source": "https://data.quito.example.org/baseline",
            "period": "2019–2023",
            "language": "es",
        }
        if criterion["evidence_kind"] == "document":
            data["file"] = pdf_upload(f"{criterion['code']}.pdf")
        response = quito_client.post(url("criteria/", application, f"{criterion['code']}/"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Evidence.objects.filter(answer__application=application).count() == 3

    mail.outbox.clear()
    response = quito_client.post(url("submit/", application))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert secretariat.email in secretariat_emails()
    assert {m.to[0] for m in mail.outbox} == {quito_member.email, *secretariat_emails()}

    # The secretariat assigns a reviewer who works in the application's language.
    secretariat_client = member_client(secretariat)
    mail.outbox.clear()
    response = secretariat_client.post(
        url("assign/", application), {"reviewer": reviewer.technical_reviewer.pk}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_review"
    assert [m.to for m in mail.outbox] == [[reviewer.email]]

    # The reviewer declares conflicts before seeing anything of the application.
    reviewer_client = member_client(reviewer)
    evidence = Evidence.objects.filter(answer__application=application).exclude(file="").first()
    evidence_url = url("evidence/", application, f"{evidence.pk}/")
    page = reviewer_client.get(url("", application)).content.decode()
    assert "Declaration of conflicts of interest" in page
    assert evidence_url not in page
    assert "Our answer to Q1." not in page
    assert reviewer_client.get(evidence_url).status_code == 404
    response = reviewer_client.post(url("declare/", application), {"has_conflict": "no"})
    assert response.status_code == 302
    download = reviewer_client.get(evidence_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Cache-Control"] == "private, no-store"

    # A second assessor, of another language team, is offered first and assigned.
    second = make_reviewer("assessor-ar", ["ar", "en"])
    same_team = make_reviewer("assessor-en", ["en"])
    page = secretariat_client.get(url("", application)).content.decode()
    offered = page.split('name="reviewer"')[1].split("</select>")[0]
    assert offered.index(str(second.technical_reviewer)) < offered.index(
        str(same_team.technical_reviewer)
    )
    response = secretariat_client.post(
        url("assign/", application), {"reviewer": second.technical_reviewer.pk}
    )
    assert response.status_code == 302
    second_client = member_client(second)
    second_client.post(url("declare/", application), {"has_conflict": "no"})
    # Not a third one.
    response = secretariat_client.post(
        url("assign/", application), {"reviewer": same_team.technical_reviewer.pk}
    )
    assert application.assignments.count() == 2

    # The first assessor scores on their own; the review cannot be completed yet.
    response = reviewer_client.post(
        url("assess/", application),
        {
            "Q1-result": "met",
            "Q1-comment": "Thorough stock-taking.",
            "Q2-result": "partly",
            "Q2-comment": "The work programme has no dates.",
        },
    )
    assert response.status_code == 302
    recommendation = {"recommendation": "defer", "rationale": "The commitment is missing."}
    response = reviewer_client.post(url("complete/", application), recommendation)
    assert response.status_code == 400
    assert "Both assessors must submit their scores first." in response.content.decode()
    # Submitting refuses while a criterion is unscored.
    response = reviewer_client.post(url("assess/", application), {"submit": "1"}, follow=True)
    assert "Not yet scored: Q3" in response.content.decode()

    # A clarification round: a question on Q3, with its deadline.
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    mail.outbox.clear()
    response = reviewer_client.post(
        url("clarify/", application),
        {"question_Q3": "Send the council's public commitment.", "deadline": deadline.isoformat()},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "clarification"
    round_ = application.clarification_rounds.get()
    assert (round_.number, round_.deadline) == (1, deadline)
    assert [q.criterion_code for q in round_.questions.all()] == ["Q3"]
    assert [m.to for m in mail.outbox] == [[quito_member.email]]
    assert "Q3: Send the council's public commitment." in mail.outbox[0].body
    # Back with the city: it may change its answers again, the reviewer may not assess.
    assert reviewer_client.get(url("assess/", application)).status_code == 404
    response = quito_client.post(
        url("criteria/", application, "Q3/"),
        {"narrative": "The council adopted a public commitment.", "self_rating": "fully"},
    )
    assert response.status_code == 302
    question = round_.questions.get()
    mail.outbox.clear()
    assert quito_client.post(url("respond/", application), {}).status_code == 400
    response = quito_client.post(
        url("respond/", application), {f"answer_{question.pk}": "The commitment is now attached."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_review"
    assert {m.to[0] for m in mail.outbox} == {reviewer.email, second.email}
    page = quito_client.get(url("", application)).content.decode()
    assert "Round 1" in page and "The commitment is now attached." in page

    # Both assessors score every criterion and submit; they differ on Q2.
    reviewer_client.post(url("assess/", application), {"Q3-result": "not_met", "Q3-comment": "x"})
    assert reviewer_client.get(url("consensus/", application)).status_code == 404
    response = reviewer_client.post(
        url("assess/", application),
        {
            "Q1-result": "met",
            "Q2-result": "partly",
            "Q2-comment": "The work programme has no dates.",
            "Q3-result": "not_met",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    # Submitted: the other assessor's scores are still hidden until they submit too.
    assert reviewer_client.get(url("consensus/", application)).status_code == 404
    assert (
        "The work programme has no dates."
        not in second_client.get(url("assess/", application)).content.decode()
    )
    response = second_client.post(
        url("assess/", application),
        {"Q1-result": "met", "Q2-result": "not_met", "Q3-result": "not_met", "submit": "1"},
    )
    assert response.status_code == 302
    consensus = reviewer_client.get(url("consensus/", application)).content.decode()
    assert "The assessors' scores differ." in consensus
    assert "The work programme has no dates." in consensus

    # The agreed scores: the reason is required where the two scores differ.
    agreed = {"Q1-result": "met", "Q2-result": "partly", "Q3-result": "not_met"}
    response = second_client.post(url("consensus/", application), agreed)
    assert response.status_code == 400
    assert "The assessors&#x27; scores differ: say why you agreed this." in (
        response.content.decode()
    )
    assert not application.assessments.exists()
    agreed["Q2-reason"] = "The programme has actions but no dates: partly met."
    response = second_client.post(url("consensus/", application), agreed)
    assert response.status_code == 302
    assert dict(application.assessments.values_list("criterion_code", "result")) == {
        "Q1": "met",
        "Q2": "partly",
        "Q3": "not_met",
    }

    # The review is completed.
    mail.outbox.clear()
    # A recommendation and its rationale are required.
    response = reviewer_client.post(url("complete/", application))
    assert response.status_code == 400
    response = reviewer_client.post(url("complete/", application), recommendation)
    assert response.status_code == 302
    assignment = application.assignments.get(reviewer=reviewer)
    assert assignment.recommendation == "defer"
    assert assignment.recommendation_rationale == "The commitment is missing."
    application.refresh_from_db()
    assert application.status == "reviewed"
    assert {m.to[0] for m in mail.outbox} == {quito_member.email, *secretariat_emails()}

    # The stage report: one criterion met, two gaps, each with live demo initiatives and tools.
    report = quito_client.get(url("report/", application))
    assert report.status_code == 200
    html = report.content.decode()
    assert "1 of 3 criteria met." in html
    gaps = html.split('id="gaps-heading"')[1]
    live = InitiativePage.objects.live().public().filter(locale__language_code="en")
    linked = [page for page in live if page.full_url in gaps]
    assert len(linked) >= 2
    assert all(page.city.translation_key != quito.translation_key for page in linked)
    assert "Q2." in gaps and "Q3." in gaps and "Q1." not in gaps
    assert "Tools and resources" in gaps

    pdf = quito_client.get(url("report.pdf", application))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Gaps to address" in text
    assert linked[0].title.split()[0] in text

    # Every step is in Wagtail's audit log, with who and from which state to which.
    from wagtail.models import ModelLogEntry

    # Transitions (answers, evidence and assessments are audited too: tests/…/test_audit.py).
    audited = {
        "certification.answer_edited",
        "certification.evidence_added",
        "certification.evidence_downloaded",
        "certification.evidence_deleted",
        "certification.assessment_changed",
        "certification.consensus_changed",
    }
    entries = [
        entry
        for entry in ModelLogEntry.objects.for_instance(application).order_by("timestamp", "pk")
        if entry.action not in audited
    ]
    assert [e.action for e in entries] == [
        "certification.start",
        "certification.submit",
        "certification.assign",
        "certification.declare",
        "certification.assign",
        "certification.declare",
        "certification.clarify",
        "certification.respond",
        "certification.scores_submitted",
        "certification.scores_submitted",
        "certification.complete",
    ]
    submit_entry = entries[1]
    assert submit_entry.user == quito_member
    assert submit_entry.data["from"] == "draft" and submit_entry.data["to"] == "submitted"
    assert entries[-1].user == reviewer
    assert entries[-1].data == {"from": "in_review", "to": "reviewed", "recommendation": "defer"}
