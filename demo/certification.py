"""Certification in the demo, made through the certification workflow itself so that every
step is in the applications' histories: accounts for each role, a certified city (Cape Town)
with its certificate, register entry and city-page badge after a committee meeting with votes,
and an application in review (Saint-Louis) with two assessors and an open clarification.

Once made, nothing is made again: a city that has an application is left as it is, an account
that exists keeps its password. Nobody is e-mailed while the demo is loaded."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone

from certification import clarification, committee, scoring, setup, workflow
from certification.models import (
    Answer,
    Application,
    CertifyingBody,
    Evidence,
    EvidenceKind,
    TechnicalReviewer,
)
from knowledge.members.membership import ensure_city_group
from knowledge.models import CityMembership, CityPage
from knowledge.roles import role_group

# Documented in the README (certification walkthrough); demo sites only.
PASSWORD = "sdg-cities-demo-2026"

# username, first name, last name, group, reviewer languages (the first is their team)
ACCOUNTS = [
    ("demo-secretariat", "Amina", "Diallo", setup.SECRETARIAT, None),
    ("demo-reviewer-en", "Grace", "Mwangi", setup.REVIEWERS, ["en", "fr"]),
    ("demo-reviewer-ar", "Omar", "Haddad", setup.REVIEWERS, ["ar", "en", "fr"]),
    ("demo-reviewer-fr", "Claire", "Dubois", setup.REVIEWERS, ["fr", "es"]),
    ("demo-committee-1", "Li", "Wei", setup.COMMITTEE, None),
    ("demo-committee-2", "Elena", "Petrova", setup.COMMITTEE, None),
    ("demo-committee-3", "Carlos", "Mendoza", setup.COMMITTEE, None),
]
# city slug, focal point's username, application language
FOCAL_POINTS = [
    ("cape-town", "demo-focal-cape-town", "en"),
    ("saint-louis", "demo-focal-saint-louis", "fr"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def load(log):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        people = _accounts()
        focal = _focal_points()
        certified = _certified_city(people, focal["cape-town"])
        in_review = _application_in_review(people, focal["saint-louis"])
    made = [
        name
        for name, done in (("a certified city", certified), ("an application in review", in_review))
        if done
    ]
    if made:
        log(f"Certification: {', '.join(made)}")


def _user(username, first_name="", last_name=""):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username,
            f"{username}@example.org",
            PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
    return user


def _accounts():
    people = {}
    for username, first_name, last_name, group, languages in ACCOUNTS:
        user = _user(username, first_name, last_name)
        user.groups.add(role_group(group))
        if languages:
            TechnicalReviewer.objects.get_or_create(user=user, defaults={"languages": languages})
        people[username] = user
    return people


def _focal_points():
    focal = {}
    for slug, username, _language in FOCAL_POINTS:
        city = CityPage.objects.get(slug=slug, locale__language_code="en")
        user = _user(username, "Focal point", city.title)
        user.groups.add(ensure_city_group(city).group)
        CityMembership.objects.get_or_create(
            user=user, defaults={"city_key": city.translation_key, "is_focal_point": True}
        )
        focal[slug] = (city, user)
    return focal


def _fill_in(application, user):
    """Every criterion answered with the evidence it asks for."""
    for criterion in application.criteria_version.criteria_in("en"):
        answer = Answer.objects.get(application=application, criterion_code=criterion["code"])
        answer.narrative = (
            f"How the city meets {criterion['code']}: {criterion['text']} "
            "The council's adopted documents and the latest data are attached."
        )
        answer.self_rating = "largely"
        answer.save()
        item = Evidence(answer=answer, language="en", uploaded_by=user, period="2020–2024")
        if criterion["evidence_kind"] != EvidenceKind.DOCUMENT:
            item.data_source = "National statistics office"
        if criterion["evidence_kind"] != EvidenceKind.STATEMENT:
            item.original_name, item.size = f"{criterion['code']}.pdf", len(PDF)
            item.file.save(item.original_name, ContentFile(PDF), save=False)
        item.save()


def _started(city, user, language):
    """The city's first application, made and submitted; None when the city has one already."""
    if Application.objects.filter(city_key=city.translation_key).exists():
        return None
    application = workflow.start(city.translation_key, user, language)
    _fill_in(application, user)
    workflow.submit(application, user)
    return application


def _assessed(application, secretariat, assessors, submit=True):
    """Both assessors assigned, cleared; each scores every criterion and, if `submit`,
    submits."""
    for user in assessors:
        workflow.assign(application, user.technical_reviewer, secretariat)
        workflow.declare(application.assignments.get(reviewer=user), False, "", user)
    codes = application.criteria_version.codes
    for number, user in enumerate(assessors):
        assignment = application.assignments.get(reviewer=user)
        # The second assessor finds the first criterion only partly met.
        results = {code: ("met", "") for code in codes}
        if number == 1:
            results[codes[0]] = ("partly", "The baseline leaves out two districts.")
        scoring.save_scores(assignment, results, user)
        if submit:
            scoring.submit_scores(assignment, user)


def _certified_city(people, focal):
    city, user = focal
    application = _started(city, user, "en")
    if application is None:
        return False
    secretariat = people["demo-secretariat"]
    first, second = people["demo-reviewer-en"], people["demo-reviewer-ar"]
    _assessed(application, secretariat, [first, second])
    codes = application.criteria_version.codes
    agreed = {code: ("met", "", "") for code in codes}
    agreed[codes[0]] = (
        "met",
        "",
        "The 2024 annex covers the two districts left out of the baseline.",
    )
    scoring.record_consensus(application, agreed, first)
    workflow.complete_review(
        application, first, "certify", "Every criterion is met, with public evidence."
    )
    application.refresh_from_db()
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    members = [people[f"demo-committee-{n}"] for n in (1, 2, 3)]
    meeting = committee.create_meeting(
        body, timezone.localdate(), members, 0, [application], secretariat
    )
    committee.draw(meeting, secretariat)
    item = meeting.items.get()
    for member, choice in zip(members, ("certify", "certify", "abstain"), strict=True):
        committee.vote(item, member, choice)
    committee.decide(
        item,
        "The city meets every qualification criterion; the assessors agreed after discussion.",
        secretariat,
    )
    return True


def _application_in_review(people, focal):
    city, user = focal
    application = _started(city, user, "fr")
    if application is None:
        return False
    secretariat = people["demo-secretariat"]
    first = people["demo-reviewer-fr"]
    _assessed(application, secretariat, [first, people["demo-reviewer-ar"]], submit=False)
    code = application.criteria_version.codes[1]
    clarification.request(
        application,
        first,
        {code: "Which departments carry out the work programme, and by when?"},
        timezone.localdate() + datetime.timedelta(days=14),
    )
    return True
