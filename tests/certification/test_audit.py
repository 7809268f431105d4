"""The audit trail: every audited action of an application is in its history, with who, and
in the secretariat's CSV export."""

import csv
import datetime
import io

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import committee, setup, workflow
from certification.models import CertifyingBody, Evidence
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer, make_user, pdf_upload

pytestmark = pytest.mark.django_db

AUDITED = {
    "certification.start": "Application started",
    "certification.answer_edited": "Answer edited (Q1)",
    "certification.evidence_added": "Evidence added (Q1: plan.pdf)",
    "certification.evidence_downloaded": "Evidence downloaded (Q1: plan.pdf)",
    "certification.evidence_deleted": "Evidence deleted (Q1: plan.pdf)",
    "certification.submit": "Application submitted",
    "certification.assign": "Reviewer assigned",
    "certification.reviewer_unassigned": "Reviewer unassigned",
    "certification.declare": "No conflict of interest declared",
    "certification.assessment_changed": "Assessment recorded (Q1)",
    "certification.scores_submitted": "Assessor&#x27;s scores submitted",
    "certification.consensus_changed": "Agreed score recorded (Q1)",
    "certification.clarify": "Clarification requested",
    "certification.respond": "Clarification answered",
    "certification.complete": "Review completed",
    "certification.on_agenda": "Put on a committee agenda",
    "certification.vote": "Vote cast: Certify",
    "certification.decide": "Committee decision recorded",
}


def test_every_audited_action_is_in_the_history_and_the_export(make_city, secretariat):
    city = make_city("Busan", "KR")
    member = make_member(city, "focal@busan.example.org")
    city_client = member_client(member)
    application = workflow.start(city.translation_key, member, "en")
    base = f"/en/certification/applications/{application.pk}/"

    # The city edits an answer and uploads, downloads and deletes a piece of evidence.
    response = city_client.post(
        f"{base}criteria/Q1/",
        {
            "narrative": "Stock taken in 2023.",
            "self_rating": "largely",
            "file": pdf_upload(),
            "language": "en",
            "period": "2023",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(answer__application=application)
    assert city_client.get(f"{base}evidence/{evidence.pk}/").status_code == 200
    assert city_client.post(f"{base}evidence/{evidence.pk}/delete/").status_code == 302
    fill_in(application, member)
    workflow.submit(application, member)

    # The secretariat assigns, takes one reviewer off, assigns two others.
    first, second = make_reviewer("first", ["en"]), make_reviewer("second", ["en"])
    third = make_reviewer("third", ["ar", "en"])
    workflow.assign(application, first.technical_reviewer, secretariat)
    workflow.unassign(application.assignments.get(), secretariat, "Workload.")
    workflow.assign(application, second.technical_reviewer, secretariat)
    workflow.assign(application, third.technical_reviewer, secretariat)
    reviewer, other = member_client(second), member_client(third)
    reviewer.post(f"{base}declare/", {"has_conflict": "no"})
    other.post(f"{base}declare/", {"has_conflict": "no"})
    codes = application.criteria_version.codes
    assessments = {f"{code}-result": "met" for code in codes}
    assert reviewer.post(f"{base}assess/", assessments).status_code == 302
    assessments["Q1-result"] = "partly"
    assessments["Q1-comment"] = "The stocktaking misses the districts."
    reviewer.post(f"{base}assess/", assessments)
    deadline = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    reviewer.post(f"{base}clarify/", {"question_Q1": "Which districts?", "deadline": deadline})
    question = application.clarification_rounds.get().questions.get()
    city_client.post(f"{base}respond/", {f"answer_{question.pk}": "All of them, from 2024."})
    assert reviewer.post(f"{base}assess/", {**assessments, "submit": "1"}).status_code == 302
    other_scores = {f"{code}-result": "met" for code in codes}
    assert other.post(f"{base}assess/", {**other_scores, "submit": "1"}).status_code == 302
    agreed = {f"{code}-result": "met" for code in codes}
    agreed["Q1-reason"] = "Every district is in the 2024 answer."
    assert other.post(f"{base}consensus/", agreed).status_code == 302
    recommendation = {"recommendation": "certify", "rationale": "Clear evidence."}
    assert reviewer.post(f"{base}complete/", recommendation).status_code == 302

    # The committee votes and decides.
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    members = [make_user(f"member{n}", setup.COMMITTEE) for n in range(3)]
    application.refresh_from_db()
    meeting = committee.create_meeting(
        body, timezone.localdate(), members, 0, [application], secretariat
    )
    committee.draw(meeting, secretariat)
    item = meeting.items.get()
    for person in members:
        committee.vote(item, person, "certify")
    committee.decide(item, "Meets the criteria.", secretariat)

    entries = ModelLogEntry.objects.for_instance(application)
    actions = set(entries.values_list("action", flat=True))
    assert set(AUDITED) <= actions
    assert entries.filter(action="certification.assessment_changed").count() == 2 * len(codes) + 1
    changed = entries.filter(
        action="certification.assessment_changed", data__result__to="partly"
    ).get()
    assert changed.data["result"] == {"from": "met", "to": "partly"}
    assert changed.user == second
    consensus = entries.get(action="certification.consensus_changed", data__criterion="Q1")
    assert consensus.user == third
    assert consensus.data["reason"] == "Every district is in the 2024 answer."

    # Shown as a history on the application (to the secretariat and the city).
    page = member_client(secretariat).get(base).content.decode()
    for message in AUDITED.values():
        assert message in page, message
    assert "Export the history (CSV)" in page
    assert "Export the history (CSV)" not in city_client.get(base).content.decode()

    # Exported for the secretariat only.
    assert city_client.get(f"{base}history.csv").status_code == 404
    assert reviewer.get(f"{base}history.csv").status_code == 404
    export = member_client(secretariat).get(f"{base}history.csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert {row["action"] for row in rows} >= set(AUDITED)
    assert len(rows) == entries.count()
    votes = [row for row in rows if row["action"] == "certification.vote"]
    assert {row["user"] for row in votes} == {m.get_full_name() for m in members}
    unassigned = next(row for row in rows if row["action"] == "certification.reviewer_unassigned")
    assert '"reason": "Workload."' in unassigned["details"]


def test_the_export_defuses_spreadsheet_formulas(make_city, secretariat):
    city = make_city("Busan", "KR")
    member = make_member(city, "=cmd@busan.example.org")
    application = workflow.start(city.translation_key, member, "en")
    member.first_name, member.last_name = "=HYPERLINK(1)", ""
    member.save()
    export = member_client(secretariat).get(
        f"/en/certification/applications/{application.pk}/history.csv"
    )
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert rows[0]["user"] == "'=HYPERLINK(1)"
