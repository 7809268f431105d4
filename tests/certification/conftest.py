"""People and applications of certification, as the platform makes them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from certification import setup, workflow
from certification.models import Answer, Evidence, EvidenceKind, TechnicalReviewer
from knowledge.models import CityPage
from knowledge.roles import role_group
from tests.knowledge.members import PASSWORD, make_member, member_client

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title(), **extra
    )
    if group:
        # A role key (certification.setup) or a group's name; an unknown one is an error.
        user.groups.add(role_group(group) or Group.objects.get(name=group))
    return user


def secretariat_emails():
    """Everyone in the secretariat (the demo's secretariat account too) is told."""
    from certification import emails

    return {user.email for user in emails.secretariat()}


def make_reviewer(username, languages):
    user = make_user(username, setup.REVIEWERS)
    TechnicalReviewer.objects.create(user=user, languages=languages)
    return user


@pytest.fixture
def quito(demo_content):
    return CityPage.objects.get(slug="quito", locale__language_code="en")


@pytest.fixture
def milan(demo_content):
    return CityPage.objects.get(slug="milan", locale__language_code="en")


@pytest.fixture
def quito_member(quito):
    return make_member(quito, "focal@quito.example.org", name="Quito focal point")


@pytest.fixture
def milan_member(milan):
    return make_member(milan, "focal@milan.example.org", name="Milan focal point")


@pytest.fixture
def quito_client(quito_member):
    return member_client(quito_member)


@pytest.fixture
def secretariat(db):
    return make_user("secretary", setup.SECRETARIAT)


@pytest.fixture
def committee_member(db):
    return make_user("committee", setup.COMMITTEE)


@pytest.fixture
def reviewer(db):
    return make_reviewer("reviewer", ["en", "fr"])


def fill_in(application, user):
    """Answer every criterion with what it requires, as the upload form would."""
    for criterion in application.criteria_version.criteria_in("en"):
        answer = Answer.objects.get(application=application, criterion_code=criterion["code"])
        answer.narrative = f"How the city meets {criterion['code']}."
        answer.self_rating = "largely"
        answer.save()
        item = Evidence(answer=answer, language="en", uploaded_by=user, period="2020–2024")
        if criterion["evidence_kind"] != EvidenceKind.DOCUMENT:
            item.data_source = "National statistics office"
        if criterion["evidence_kind"] != EvidenceKind.STATEMENT:
            upload = pdf_upload()
            item.original_name, item.size = upload.name, upload.size
            item.file.save(upload.name, upload, save=False)
        item.save()


@pytest.fixture
def submitted(quito, quito_member):
    application = workflow.start(quito.translation_key, quito_member, "en")
    fill_in(application, quito_member)
    workflow.submit(application, quito_member)
    return application


@pytest.fixture
def in_review(submitted, reviewer, secretariat):
    workflow.assign(submitted, reviewer.technical_reviewer, secretariat)
    assignment = submitted.assignments.get(reviewer=reviewer)
    workflow.declare(assignment, False, "", reviewer)
    submitted.refresh_from_db()
    return submitted


def second_assessor(application, username=None):
    """Give the application its second assessor, of another language team, cleared of any
    conflict; returns their user."""
    username = username or f"assessor-{application.pk}"
    user = make_reviewer(username, ["ar", application.language])
    workflow.assign(application, user.technical_reviewer, None)
    workflow.declare(application.assignments.get(reviewer=user), False, "", user)
    return user


def score_all(application, results=None, reasons=None):
    """Each acting assessor scores every criterion (met unless `results` says otherwise) and
    submits; then the agreed scores are recorded, with `reasons` where they differ. A second
    assessor is added when the application has only one."""
    from certification import scoring

    results = results or {}
    if len(scoring.assessors(application)) < scoring.ASSESSORS:
        second_assessor(application)
    codes = application.criteria_version.codes
    for assignment in scoring.assessors(application):
        scoring.save_scores(
            assignment,
            {code: (results.get(code, "met"), "") for code in codes},
            assignment.reviewer,
        )
        scoring.submit_scores(assignment, assignment.reviewer)
    reasons = reasons or {}
    scoring.record_consensus(
        application,
        {code: (results.get(code, "met"), "", reasons.get(code, "")) for code in codes},
        scoring.assessors(application)[0].reviewer,
    )


def review_all(application, reviewer, results=None):
    """Two assessors score every criterion (met unless `results` says otherwise), agree, and
    `reviewer` completes the review."""
    score_all(application, results)
    workflow.complete_review(application, reviewer, "certify", "Meets every criterion.")
    application.refresh_from_db()
    return application


@pytest.fixture
def reviewed_application(in_review, reviewer):
    return review_all(in_review, reviewer)


@pytest.fixture
def city_index(homes):
    from tests.factories import CityIndexPageFactory

    return CityIndexPageFactory(parent=homes["en"])


@pytest.fixture
def make_city(city_index):
    """A city page made by the factories (no demo content): make_city("Busan", "KR")."""
    from tests.factories import CityPageFactory

    def make(title="Busan", country="KR"):
        return CityPageFactory(parent=city_index, title=title, country=country)

    return make


@pytest.fixture
def issue(make_city, db):
    """A certificate issued to a new city: issue("Busan", today=date)."""
    from certification import committee
    from certification.models import CertifyingBody

    secretary = make_user("issuer", setup.SECRETARIAT)
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")

    def run(title="Busan", country="KR", today=None):
        city = make_city(title, country)
        member = make_member(city, f"focal@{city.slug}.example.org")
        application = workflow.start(city.translation_key, member, "en")
        return committee.issue_certificate(application, body, secretary, today=today)

    run.secretary = secretary
    return run
