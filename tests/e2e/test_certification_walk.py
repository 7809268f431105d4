"""In the browser, one application from its submission to its certificate: two assessors of
different language teams score on their own, ask the city a round of clarification it answers
per criterion, agree the scores with a reason where they differ and complete the review; the
committee reaches its quorum, votes and the decision issues a certificate whose PDF carries a
QR code encoding the verification page's address, which opens. Then one appeal is walked: a
"not yet eligible" decision appealed with new evidence goes to a different pair of assessors,
then to the committee again."""

import datetime

from django.utils import timezone

import pytest

from certification import committee, setup, workflow
from certification.models import Application, Certificate, CertifyingBody
from knowledge.models import CityPage
from tests.certification.conftest import fill_in, make_reviewer, make_user, score_all
from tests.certification.qr import qr_matrix_in_pdf, qr_matrix_of
from tests.knowledge.members import make_member

from .test_certification_committee import _sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _assess(page, base, application, results, submit):
    page.goto(f"{base}/en/certification/applications/{application.pk}/assess/")
    for code, result in results.items():
        page.select_option(f"#id_{code}-result", result)
    name = "Submit my scores" if submit else "Save the assessments"
    page.get_by_role("button", name=name).click()


def _committee_decides(page, base, application, secretary, members, rationale):
    """A meeting of the global committee today; the members vote in the browser, the
    secretariat records the decision the votes make."""
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    meeting = committee.create_meeting(
        body,
        timezone.localdate(),
        [member for member, _choice in members],
        0,
        [application],
        secretary,
    )
    committee.draw(meeting, secretary)
    url = f"/en/certification/meetings/{meeting.pk}/"
    choices = {"certify": "Certify", "not_eligible": "Not yet eligible"}
    for member, choice in members:
        _sign_in(page, base, member, url)
        page.get_by_label(choices[choice], exact=True).check()
        page.get_by_role("button", name="Vote").click()
        page.wait_for_url(f"**{url}")
    _sign_in(page, base, secretary, url)
    item = meeting.items.get()
    page.fill(f"#id_item{item.pk}-rationale", rationale)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**{url}")
    item.refresh_from_db()
    return item


def test_one_application_from_submission_to_certificate_then_an_appeal(live_demo, page, settings):
    settings.WAGTAILADMIN_BASE_URL = base = live_demo.url
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    city = make_member(quito, "focal@quito.example.org")
    secretary = make_user("secretary-walk", setup.SECRETARIAT)
    first = make_reviewer("walk-en", ["en", "fr"])
    second = make_reviewer("walk-ar", ["ar", "en"])
    same_team = make_reviewer("walk-en-2", ["en"])
    members = [make_user(f"walk-member-{n}", setup.COMMITTEE) for n in range(3)]
    application = workflow.start(quito.translation_key, city, "en")
    fill_in(application, city)
    app_url = f"/en/certification/applications/{application.pk}/"

    # The city submits.
    _sign_in(page, base, city, app_url)
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**{app_url}")
    application.refresh_from_db()
    assert application.status == "submitted"

    # The secretariat assigns two assessors: the second of another language team comes first.
    _sign_in(page, base, secretary, app_url)
    page.select_option("#id_reviewer", label=f"{first.technical_reviewer} (English, French)")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**{app_url}")
    options = page.locator("#id_reviewer option").all_inner_texts()
    arabic = options.index(f"{second.technical_reviewer} (Arabic, English)")
    assert arabic < options.index(f"{same_team.technical_reviewer} (English)")
    page.select_option("#id_reviewer", label=options[arabic])
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**{app_url}")
    assert application.assignments.count() == 2

    # The first assessor declares, scores part, and asks a clarification on Q3.
    _sign_in(page, base, first, app_url)
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Send the declaration").click()
    _assess(page, base, application, {"Q1": "met", "Q2": "partly"}, submit=False)
    page.goto(base + app_url)
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    page.fill("#id_question_Q3", "Send the council's adopted commitment.")
    page.fill("#id_deadline", deadline.isoformat())
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url(f"**{app_url}")
    application.refresh_from_db()
    assert application.status == "clarification"

    # The city answers the round on the application page.
    _sign_in(page, base, city, app_url)
    thread = page.locator("#clarification-round-1")
    assert thread.get_by_text("Send the council's adopted commitment.").is_visible()
    page.get_by_label("Your answer on Q3").fill("The commitment adopted in March is attached.")
    page.get_by_role("button", name="Send back to the reviewers").click()
    page.wait_for_url(f"**{app_url}")
    assert (
        page.locator("#clarification-round-1")
        .get_by_text("The commitment adopted in March is attached.")
        .is_visible()
    )

    # Both assessors submit their scores, the second without seeing the first's.
    _sign_in(page, base, first, app_url)
    _assess(page, base, application, {"Q1": "met", "Q2": "partly", "Q3": "met"}, submit=True)
    _sign_in(page, base, second, app_url)
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Send the declaration").click()
    page.goto(f"{base}{app_url}assess/")
    assert page.locator("#id_Q2-result").input_value() == ""
    _assess(page, base, application, {"Q1": "met", "Q2": "met", "Q3": "met"}, submit=True)

    # The consensus: the reason is required where they differ (Q2).
    page.goto(f"{base}{app_url}consensus/")
    assert page.locator("#criterion-Q2").get_by_text("The assessors' scores differ.").is_visible()
    for code, result in (("Q1", "met"), ("Q2", "partly"), ("Q3", "met")):
        page.select_option(f"#id_{code}-result", result)
    page.get_by_role("button", name="Record the agreed scores").click()
    assert page.get_by_text("The assessors' scores differ: say why you agreed this.").is_visible()
    page.fill("#id_Q2-reason", "The work programme has no dates yet.")
    page.get_by_role("button", name="Record the agreed scores").click()
    page.wait_for_url(f"**{app_url}")
    page.get_by_label("Certify", exact=True).check()
    page.fill("#id_rationale", "The city meets the qualification criteria.")
    page.get_by_role("button", name="Complete the review").click()
    page.wait_for_url(f"**{app_url}")
    application.refresh_from_db()
    assert application.status == "reviewed"

    # The committee: three members (the quorum) vote, the decision issues the certificate.
    item = _committee_decides(
        page,
        base,
        application,
        secretary,
        [(member, "certify") for member in members],
        "Qualification criteria met.",
    )
    assert item.outcome == "certify" and item.votes.count() == 3
    certificate = Certificate.objects.get(application=application)

    # The certificate PDF: its QR code encodes the verification page's address, which opens.
    page.context.clear_cookies()
    verification = f"{base}/en/certification/verify/{certificate.number}/"
    page.goto(verification)
    href = page.get_by_role("link", name="The certificate (PDF)").get_attribute("href")
    pdf = page.request.get(base + href)
    assert pdf.status == 200
    assert qr_matrix_in_pdf(pdf.body()) == qr_matrix_of(verification)
    assert qr_matrix_in_pdf(pdf.body()) != qr_matrix_of(verification.replace("/en/", "/fr/"))
    page.goto(verification)
    assert page.get_by_text(certificate.number).first.is_visible()
    assert page.get_by_text("Qualification criteria met.").is_visible()

    # An appeal: another application decided "not yet eligible"...
    milan = CityPage.objects.get(slug="milan", locale__language_code="en")
    milan_member = make_member(milan, "focal@milan.example.org")
    appealed = workflow.start(milan.translation_key, milan_member, "en")
    fill_in(appealed, milan_member)
    workflow.submit(appealed, milan_member)
    for reviewer in (first, second):
        workflow.assign(appealed, reviewer.technical_reviewer, secretary)
        workflow.declare(appealed.assignments.get(reviewer=reviewer), False, "", reviewer)
    score_all(appealed, {"Q3": "not_met"})
    workflow.complete_review(appealed, first, "not_eligible", "No commitment yet.")
    appealed.refresh_from_db()
    _committee_decides(
        page,
        base,
        appealed,
        secretary,
        [(member, "not_eligible") for member in members],
        "The commitment is missing.",
    )
    appealed.refresh_from_db()
    assert appealed.status == "not_eligible"
    appealed_url = f"/en/certification/applications/{appealed.pk}/"

    # ...the city appeals in the browser, with its grounds, and submits the new evidence.
    _sign_in(page, base, milan_member, appealed_url)
    page.get_by_label("Grounds of the appeal").fill("The council adopted its commitment since.")
    page.get_by_role("button", name="Appeal", exact=True).click()
    page.wait_for_url(f"**{appealed_url}")
    appealed.refresh_from_db()
    assert appealed.status == "appeal"
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**{appealed_url}")

    # A different pair: the first pair is not offered again.
    _sign_in(page, base, secretary, appealed_url)
    options = page.locator("#id_reviewer option").all_inner_texts()
    assert f"{first.technical_reviewer} (English, French)" not in options
    assert f"{second.technical_reviewer} (Arabic, English)" not in options
    assert f"{same_team.technical_reviewer} (English)" in options
    third = make_reviewer("walk-fr", ["fr", "en"])
    page.goto(base + appealed_url)
    page.select_option("#id_reviewer", label=f"{third.technical_reviewer} (French, English)")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**{appealed_url}")
    fourth = Application.objects.get(pk=appealed.pk)  # reload with the new assignment
    fourth_reviewer = make_reviewer("walk-es", ["es", "en"])
    workflow.assign(fourth, fourth_reviewer.technical_reviewer, secretary)
    for reviewer in (third, fourth_reviewer):
        workflow.declare(fourth.assignments.get(reviewer=reviewer), False, "", reviewer)
    score_all(fourth)
    workflow.complete_review(fourth, third, "certify", "The commitment is adopted.")
    fourth.refresh_from_db()
    pair = {a.reviewer for a in fourth.assignments.filter(superseded=False)}
    assert pair == {third, fourth_reviewer}

    # ...and the committee again.
    item = _committee_decides(
        page,
        base,
        fourth,
        secretary,
        [(member, "certify") for member in members],
        "Certified on appeal.",
    )
    fourth.refresh_from_db()
    assert item.outcome == "certify" and fourth.status == "certified"
