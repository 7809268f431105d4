"""Evidence uploads are checked and keep what was typed; conflicts, reminders and deadlines."""

import datetime

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

import pytest

from certification import clarification, workflow
from certification.models import Answer, Application, Evidence
from tests.knowledge.members import member_client

from .conftest import PDF, secretariat_emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(quito, quito_member):
    return workflow.start(quito.translation_key, quito_member, "en")


def post_answer(client, application, upload, narrative="Our council adopted the plan."):
    return client.post(
        f"/en/certification/applications/{application.pk}/criteria/Q1/",
        {
            "narrative": narrative,
            "self_rating": "partly",
            "file": upload,
            "data_source": "City planning office",
            "period": "2021",
            "language": "en",
        },
    )


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
            "“tool.exe” is not an accepted document.",
        ),
        (
            SimpleUploadedFile("plan.pdf", b"just text, not a PDF", "application/pdf"),
            "“plan.pdf” does not contain what its name says (.pdf).",
        ),
    ],
)
def test_a_wrong_upload_is_refused_and_the_typed_text_is_kept(draft, quito_client, upload, message):
    response = post_answer(quito_client, draft, upload)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Our council adopted the plan." in body
    assert "City planning office" in body
    assert not Evidence.objects.filter(answer__application=draft).exists()


def test_a_too_large_upload_is_refused(draft, quito_client, settings):
    settings.EVIDENCE_MAX_UPLOAD_SIZE = 20
    response = post_answer(quito_client, draft, SimpleUploadedFile("plan.pdf", PDF))
    assert response.status_code == 400
    assert "is too large" in response.content.decode()
    assert "Our council adopted the plan." in response.content.decode()


def test_errors_are_translated(draft, quito_client):
    upload = SimpleUploadedFile("tool.exe", b"MZ", "application/octet-stream")
    response = quito_client.post(
        f"/fr/certification/applications/{draft.pk}/criteria/Q1/",
        {"narrative": "Texte", "file": upload, "language": "fr"},
    )
    assert response.status_code == 400
    assert escape("n'est pas un type de document accepté") in response.content.decode()


def test_a_good_upload_is_stored_privately_and_can_be_removed(
    draft, quito_client, private_media_root
):
    response = post_answer(quito_client, draft, SimpleUploadedFile("plan.pdf", PDF))
    assert response.status_code == 302
    item = Evidence.objects.get(answer__application=draft)
    assert item.original_name == "plan.pdf" and item.size == len(PDF)
    assert item.file.path.startswith(str(private_media_root / "evidence"))
    answer = Answer.objects.get(application=draft, criterion_code="Q1")
    assert answer.narrative == "Our council adopted the plan."
    response = quito_client.post(
        f"/en/certification/applications/{draft.pk}/evidence/{item.pk}/delete/"
    )
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=item.pk).exists()


def test_evidence_needs_a_file_or_a_source_and_a_language(draft, quito_client):
    response = quito_client.post(
        f"/en/certification/applications/{draft.pk}/criteria/Q1/",
        {"narrative": "Text", "period": "2020"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Attach a file or give a data source." in body
    assert "Say which language the evidence is in." in body


def test_a_city_has_one_open_application_at_a_time(draft, quito_client):
    response = quito_client.post("/en/certification/applications/new/", {"language": "en"})
    assert response.status_code == 302
    assert Application.objects.filter(city_key=draft.city_key).count() == 1


def test_a_declared_conflict_withdraws_the_reviewer(submitted, reviewer, secretariat):
    workflow.assign(submitted, reviewer.technical_reviewer, secretariat)
    client = member_client(reviewer)
    mail.outbox.clear()
    response = client.post(
        f"/en/certification/applications/{submitted.pk}/declare/",
        {"has_conflict": "yes", "details": "I advised the city on its plan."},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert secretariat.email in secretariat_emails()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(secretariat_emails())
    assert "I advised the city on its plan." in mail.outbox[0].body
    assert client.get(f"/en/certification/applications/{submitted.pk}/").status_code == 404


def test_a_conflict_needs_details(submitted, reviewer, secretariat):
    workflow.assign(submitted, reviewer.technical_reviewer, secretariat)
    response = member_client(reviewer).post(
        f"/en/certification/applications/{submitted.pk}/declare/", {"has_conflict": "yes"}
    )
    assert response.status_code == 400
    assert "Describe the conflict of interest." in response.content.decode()


def test_reviewers_are_matched_by_language(submitted, secretariat):
    from .conftest import make_reviewer

    russian = make_reviewer("russian-reviewer", ["ru"])
    client = member_client(secretariat)
    page = client.get(f"/en/certification/applications/{submitted.pk}/").content.decode()
    assert "Russian-Reviewer" not in page
    response = client.post(
        f"/en/certification/applications/{submitted.pk}/assign/",
        {"reviewer": russian.technical_reviewer.pk},
    )
    assert response.status_code == 400
    assert not submitted.assignments.exists()


def test_reminders_before_the_deadline_and_return_after_it(in_review, reviewer, quito_member):
    today = timezone.localdate()
    clarification.request(
        in_review, reviewer, {"Q2": "Add the budget."}, today + datetime.timedelta(days=5)
    )
    mail.outbox.clear()
    assert clarification.clarification_deadlines(today=today, reminder_days=3) == (0, 0)
    assert mail.outbox == []

    later = today + datetime.timedelta(days=3)
    assert clarification.clarification_deadlines(today=later, reminder_days=3) == (1, 0)
    assert [m.to for m in mail.outbox] == [[quito_member.email]]
    assert "Add the budget." in mail.outbox[0].body
    # Once only.
    assert clarification.clarification_deadlines(today=later, reminder_days=3) == (0, 0)

    mail.outbox.clear()
    after = today + datetime.timedelta(days=6)
    assert clarification.clarification_deadlines(today=after, reminder_days=3) == (0, 1)
    in_review.refresh_from_db()
    assert in_review.status == "in_review"
    assert {m.to[0] for m in mail.outbox} == {reviewer.email, quito_member.email}


def test_clarification_deadline_must_be_in_the_future(in_review, reviewer):
    response = member_client(reviewer).post(
        f"/en/certification/applications/{in_review.pk}/clarify/",
        {"question_Q1": "Please add data.", "deadline": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "The deadline must be after today." in response.content.decode()
    assert "Please add data." in response.content.decode()


def test_the_scheduled_task_is_registered(settings):
    from certification.tasks import clarification_deadlines

    assert "certification.tasks.clarification_deadlines" in settings.PERIODIC_TASKS
    assert clarification_deadlines.func() == (0, 0)
