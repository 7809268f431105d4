"""Nobody sees an application or its evidence unless it is theirs to see, by any address."""

from django.test import Client

import pytest

from certification.models import Evidence
from tests.knowledge.members import member_client

from .conftest import make_reviewer, review_all

pytestmark = pytest.mark.django_db

NARRATIVE_WORD = "Zephyrquartz"


def application_urls(application):
    evidence = Evidence.objects.filter(answer__application=application).exclude(file="").first()
    base = f"/en/certification/applications/{application.pk}/"
    return {
        "get": [
            base,
            base + "criteria/Q1/",
            base + f"evidence/{evidence.pk}/",
            base + "report/",
            base + "report.pdf",
            base + "assess/",
        ],
        "post": [
            base + "submit/",
            base + "respond/",
            base + "assign/",
            base + "declare/",
            base + "clarify/",
            base + "complete/",
            base + f"evidence/{evidence.pk}/delete/",
        ],
    }


@pytest.fixture
def reviewed(in_review, reviewer):

    answer = in_review.answers.get(criterion_code="Q1")
    answer.narrative = f"Our plan {NARRATIVE_WORD} is public."
    answer.save()
    return review_all(in_review, reviewer)


def test_another_city_reaches_nothing_of_the_application(reviewed, milan_member):
    client = member_client(milan_member)
    urls = application_urls(reviewed)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url).status_code == 404, url
    listing = client.get("/en/certification/applications/").content.decode()
    assert f"/applications/{reviewed.pk}/" not in listing
    assert client.get("/en/certification/review/").status_code == 404
    assert Evidence.objects.filter(answer__application=reviewed).count() == 3


def test_visitors_are_sent_to_sign_in_and_see_nothing(reviewed):
    client = Client()
    urls = application_urls(reviewed)
    # A file address answers 404 to visitors, as to everyone who may not have the file.
    evidence_url = next(url for url in urls["get"] if "/evidence/" in url)
    assert client.get(evidence_url).status_code == 404
    urls["get"].remove(evidence_url)
    for url in urls["get"] + ["/en/certification/applications/", "/en/certification/review/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/en/accounts/login/")
    for url in urls["post"]:
        assert client.post(url).status_code == 302


def test_a_reviewer_sees_only_assigned_applications(reviewed, quito_member, milan, milan_member):
    from certification import workflow

    other = make_reviewer("other-reviewer", ["en"])
    client = member_client(other)
    for url in application_urls(reviewed)["get"]:
        assert client.get(url).status_code == 404, url
    assert (
        f"/applications/{reviewed.pk}/"
        not in client.get("/en/certification/review/").content.decode()
    )

    # Assigned to Milan's application instead: that one appears, Quito's still does not.
    milan_application = workflow.start(milan.translation_key, milan_member, "en")
    from .conftest import fill_in

    fill_in(milan_application, milan_member)
    workflow.submit(milan_application, milan_member)
    workflow.assign(milan_application, other.technical_reviewer, None)
    listing = client.get("/en/certification/review/").content.decode()
    assert f"/applications/{milan_application.pk}/" in listing
    assert f"/applications/{reviewed.pk}/" not in listing


def test_the_committee_and_the_secretariat_see_applications_and_evidence(
    reviewed, committee_member, secretariat
):
    evidence_url = application_urls(reviewed)["get"][2]
    for user in (committee_member, secretariat):
        client = member_client(user)
        assert client.get(f"/en/certification/applications/{reviewed.pk}/").status_code == 200
        assert client.get(evidence_url).status_code == 200
    # The committee does not assign reviewers.
    response = member_client(committee_member).post(
        f"/en/certification/applications/{reviewed.pk}/assign/", {"reviewer": 1}
    )
    assert response.status_code == 404


def test_the_city_sees_its_report_but_not_reviewers_work_in_progress(in_review, quito_client):
    from certification import scoring

    assignment = in_review.assignments.get()
    scoring.save_scores(assignment, {"Q1": ("not_met", "Secret note")}, assignment.reviewer)
    page = quito_client.get(f"/en/certification/applications/{in_review.pk}/").content.decode()
    assert "Secret note" not in page
    assert (
        quito_client.get(f"/en/certification/applications/{in_review.pk}/report/").status_code
        == 404
    )
    # Once submitted, the city cannot change the answers or the evidence.
    assert (
        quito_client.get(f"/en/certification/applications/{in_review.pk}/criteria/Q1/").status_code
        == 404
    )


def test_evidence_is_not_in_public_media_the_api_or_search(reviewed, settings, client):
    evidence = Evidence.objects.filter(answer__application=reviewed).exclude(file="").first()
    path = evidence.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        evidence.file.url  # noqa: B018
    assert client.get(f"/media/{evidence.file.name}").status_code == 404

    documents = client.get("/api/v2/documents/").json()
    assert all(evidence.original_name != item["title"] for item in documents["items"])
    assert client.get("/api/v2/applications/").status_code == 404
    for url in (
        f"/api/v2/search/?q={NARRATIVE_WORD}&locale=en",
        f"/api/v2/pages/?search={NARRATIVE_WORD}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] == 0, url
    page = client.get(f"/en/search/?q={NARRATIVE_WORD}").content.decode()
    assert "Our plan" not in page


def test_the_review_list_takes_the_same_queries_for_one_and_many(
    submitted, secretariat, milan, milan_member, django_assert_max_num_queries
):
    from certification import workflow

    from .conftest import fill_in

    client = member_client(secretariat)
    client.get("/en/certification/review/")  # caches warmed, as on a running site
    with django_assert_max_num_queries(35) as one:
        assert client.get("/en/certification/review/").status_code == 200
    other = workflow.start(milan.translation_key, milan_member, "en")
    fill_in(other, milan_member)
    workflow.submit(other, milan_member)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/en/certification/review/").content.decode()
    assert "Milan" in page and "Quito" in page
