"""The mail queue: what is stored, when it is sent, retries, and two workers on one message."""

import datetime
from email.mime.text import MIMEText

from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from mailqueue import delivery
from mailqueue.models import QueuedEmail
from mailqueue.tasks import retry_emails

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def refusing_server(settings):
    """A mail server that refuses every connection (a closed port)."""
    from tests.faults.servers import free_port

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def test_a_message_is_queued_then_sent_whole_through_the_delivery_backend():
    message = EmailMultiAlternatives(
        "Votre demande",
        "Texte brut",
        "Platform <noreply@example.org>",
        ["a@example.org"],
        cc=["c@example.org"],
        bcc=["b@example.org"],
        reply_to=["reply@example.org"],
        headers={"X-Tag": "certification"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("data.csv", "a,b\n1,2\n", "text/csv")
    message.attach("raw.bin", b"\x00\x01\x02", "application/octet-stream")
    message.attach(MIMEText("inline part", "plain", "utf-8"))

    assert message.send() == 1

    queued = QueuedEmail.objects.get()
    assert queued.status == QueuedEmail.Status.SENT and queued.attempts == 1
    assert queued.subject == "Votre demande"
    assert queued.recipients == "a@example.org, c@example.org, b@example.org"
    assert queued.message == {}  # the body is not kept once sent
    (sent,) = mail.outbox
    assert (sent.subject, sent.body, sent.from_email) == (
        "Votre demande",
        "Texte brut",
        "Platform <noreply@example.org>",
    )
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        ["a@example.org"],
        ["c@example.org"],
        ["b@example.org"],
        ["reply@example.org"],
    )
    assert sent.extra_headers == {"X-Tag": "certification"}
    assert list(sent.alternatives) == [("<p>HTML</p>", "text/html")]
    assert sent.attachments[0] == ("data.csv", "a,b\n1,2\n", "text/csv")
    assert sent.attachments[1] == ("raw.bin", b"\x00\x01\x02", "application/octet-stream")
    assert sent.attachments[2].get_payload(decode=True) == b"inline part"
    assert b"aW5saW5lIHBhcnQ=" in sent.message().as_bytes()  # the part, base64-encoded


def test_a_rolled_back_request_leaves_neither_message_nor_job(settings):
    settings.TASKS = DATABASE_TASKS

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Welcome", "Body", None, ["a@example.org"])
        assert QueuedEmail.objects.count() == 1
        raise RuntimeError("the request failed after sending")

    assert not QueuedEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_job_is_queued_with_the_message_and_nothing_is_sent_in_the_request(settings):
    settings.TASKS = DATABASE_TASKS

    send_mail("Welcome", "Body", None, ["a@example.org"])

    queued = QueuedEmail.objects.get()
    job = DBTaskResult.objects.get()
    assert job.task_path == "mailqueue.tasks.deliver_email"
    assert job.args_kwargs["args"] == [queued.pk]
    assert queued.status == QueuedEmail.Status.PENDING and mail.outbox == []


def test_failures_are_retried_on_the_schedule_then_the_message_has_failed(
    settings, refusing_server
):
    settings.EMAIL_RETRY_DELAYS = [60, 300]

    send_mail("Welcome", "Body", None, ["a@example.org"])

    queued = QueuedEmail.objects.get()
    assert queued.status == QueuedEmail.Status.RETRYING and queued.attempts == 1
    assert "Connection refused" in queued.last_error
    delay = queued.next_attempt_at - queued.last_attempt_at
    assert delay == datetime.timedelta(seconds=60)
    assert retry_emails.enqueue().return_value == 0  # not due yet

    for attempts, status in ((2, QueuedEmail.Status.RETRYING), (3, QueuedEmail.Status.FAILED)):
        QueuedEmail.objects.update(next_attempt_at=timezone.now())
        assert retry_emails.enqueue().return_value == 1
        queued.refresh_from_db()
        assert (queued.attempts, queued.status) == (attempts, status)
    assert queued.next_attempt_at is None
    assert queued.message["subject"] == "Welcome"  # kept, for "Retry now"


def test_two_workers_on_one_message_send_it_once(settings):
    settings.TASKS = DATABASE_TASKS
    send_mail("Welcome", "Body", None, ["a@example.org"])
    queued = QueuedEmail.objects.get()

    # The retry job enqueued it again before the first job ran: two jobs, one message.
    assert retry_emails.call() == 1
    jobs = DBTaskResult.objects.filter(task_path="mailqueue.tasks.deliver_email")
    assert jobs.count() == 2
    outcomes = [delivery.deliver(queued.pk), delivery.deliver(queued.pk)]

    assert outcomes == [QueuedEmail.Status.SENT, None]
    assert len(mail.outbox) == 1


def test_a_claimed_message_is_left_to_its_worker_until_the_claim_runs_out(settings):
    settings.TASKS = DATABASE_TASKS
    send_mail("Welcome", "Body", None, ["a@example.org"])
    queued = QueuedEmail.objects.get()
    now = timezone.now()
    # A worker claimed it (as deliver does) and died before recording anything.
    QueuedEmail.objects.update(next_attempt_at=now + datetime.timedelta(seconds=90))

    assert delivery.deliver(queued.pk) is None
    assert list(delivery.due_messages()) == []
    QueuedEmail.objects.update(next_attempt_at=now - datetime.timedelta(seconds=1))
    assert delivery.deliver(queued.pk) == QueuedEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_old_sent_messages_are_forgotten(settings):
    send_mail("Old", "Body", None, ["a@example.org"])
    send_mail("Recent", "Body", None, ["a@example.org"])
    QueuedEmail.objects.filter(subject="Old").update(
        sent_at=timezone.now() - datetime.timedelta(days=31)
    )

    retry_emails.enqueue()

    assert list(QueuedEmail.objects.values_list("subject", flat=True)) == ["Recent"]


def test_a_message_without_recipients_is_not_queued():
    assert EmailMessage("Nobody", "Body", None, []).send() == 0
    assert not QueuedEmail.objects.exists()


def test_a_damaged_message_fails_like_any_other():
    queued = QueuedEmail.objects.create(subject="Damaged", recipients="a@example.org", message={})

    assert delivery.deliver(queued.pk) == QueuedEmail.Status.RETRYING

    queued.refresh_from_db()
    assert queued.last_error.startswith("KeyError")


def test_the_delivery_backend_cannot_be_the_queue_itself(settings):
    from mailqueue.apps import check_delivery_backend

    assert check_delivery_backend(None) == []
    settings.EMAIL_DELIVERY_BACKEND = "mailqueue.backend.QueuedEmailBackend"
    (error,) = check_delivery_backend(None)
    assert error.id == "mailqueue.E001"
