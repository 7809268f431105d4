"""In the browser: a committee member votes, the secretariat records the decision the votes
make once the quorum is there, and a visitor finds the certificate from the main navigation,
verifies it, and opens its PDF, whose QR code points at the verification page."""

import io

from django.utils import timezone

import pytest
from pypdf import PdfReader

from certification import committee, setup, workflow
from certification.models import Certificate, CertifyingBody
from knowledge.models import CityPage
from tests.certification.conftest import fill_in, make_reviewer, make_user, score_all
from tests.knowledge.members import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, base, user, next_path="/en/certification/meetings/"):
    page.context.clear_cookies()
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_path}")


def test_votes_decision_and_verification_in_the_browser(live_demo, page, settings):
    settings.WAGTAILADMIN_BASE_URL = live_demo.url
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    member = make_member(quito, "focal@quito.example.org")
    secretary = make_user("secretary-e2e", setup.SECRETARIAT)
    application = workflow.start(quito.translation_key, member, "en")
    fill_in(application, member)
    workflow.submit(application, member)
    reviewer = make_reviewer("reviewer-e2e", ["en"])
    workflow.assign(application, reviewer.technical_reviewer, secretary)
    workflow.declare(application.assignments.get(), False, "", reviewer)
    score_all(application)
    workflow.complete_review(application, reviewer, "certify", "Every criterion is met.")
    application.refresh_from_db()
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    members = [make_user(f"member-e2e-{n}", setup.COMMITTEE) for n in range(3)]
    meeting = committee.create_meeting(
        body, timezone.localdate(), members, 0, [application], secretary
    )
    committee.draw(meeting, secretary)
    item = meeting.items.get()
    for other in members[1:]:
        committee.vote(item, other, "certify")

    # A member votes in the browser.
    _sign_in(page, live_demo.url, members[0])
    page.goto(f"{live_demo.url}/en/certification/meetings/{meeting.pk}/")
    page.get_by_label("Certify").check()
    page.get_by_role("button", name="Vote").click()
    page.wait_for_url(f"**/en/certification/meetings/{meeting.pk}/")
    assert item.votes.count() == 3
    page.context.clear_cookies()

    # The secretariat records the decision the votes make.
    _sign_in(page, live_demo.url, secretary)
    page.goto(f"{live_demo.url}/en/certification/meetings/{meeting.pk}/")
    assert page.get_by_text("The votes decide:").is_visible()
    page.fill(f"#id_item{item.pk}-rationale", "Every criterion is met, with evidence.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/en/certification/meetings/{meeting.pk}/")
    certificate = Certificate.objects.get(application=application)
    page.context.clear_cookies()

    # A visitor: Certification in the main navigation, the verification form, the PDF.
    page.goto(f"{live_demo.url}/en/")
    page.locator("nav.main-menu").get_by_role("link", name="Certification").click()
    page.wait_for_url("**/en/certification/")
    page.goto(f"{live_demo.url}/en/certification/verify/")
    page.fill("#number", "SDGC-2026-999999")
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_role("alert").filter(has_text="No certificate has this number.").is_visible()
    page.fill("#number", certificate.number)
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/en/certification/verify/{certificate.number}/")
    assert page.get_by_text("Every criterion is met, with evidence.").is_visible()
    href = page.get_by_role("link", name="The certificate (PDF)").get_attribute("href")
    response = page.request.get(live_demo.url + href)
    assert response.status == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    verification = f"{live_demo.url}/en/certification/verify/{certificate.number}/"
    assert verification in text.replace("\n", "")
    # The address the QR code carries resolves to the verification page.
    page.goto(verification)
    assert page.get_by_text(certificate.number).first.is_visible()
