"""The mail queue in the admin: the list and its filter, a message's page (never its body),
"Retry now", and who may do what."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse

import pytest

from mailqueue.delivery import serialize
from mailqueue.models import QueuedEmail

pytestmark = pytest.mark.django_db

QUEUE = reverse("mail_queue:index")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(db):
    return client_for(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))


def staff_with(*codenames):
    group = Group.objects.create(name="-".join(codenames))
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user = get_user_model().objects.create_user("-".join(codenames), "s@example.org", "pw")
    user.groups.add(group)
    return client_for(user)


def queued(subject, status, **fields):
    return QueuedEmail.objects.create(
        subject=subject,
        recipients="someone@example.org",
        status=status,
        message=serialize(
            EmailMessage(
                subject,
                "Reset link: https://example.org/secret-token/",
                None,
                ["someone@example.org"],
            )
        ),
        **fields,
    )


def failed(subject="Confirm your e-mail address"):
    return queued(
        subject,
        QueuedEmail.Status.FAILED,
        attempts=6,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=None,
    )


def test_the_queue_lists_messages_with_a_status_filter(admin_client):
    failed("Broken one")
    queued("Went out", QueuedEmail.Status.SENT, next_attempt_at=None)

    html = admin_client.get(QUEUE).content.decode()
    for text in ("Broken one", "Went out", "someone@example.org", "Failed", "Sent"):
        assert text in html
    for heading in ("Subject", "Recipients", "Status", "Attempts", "Next attempt"):
        assert heading in html

    only_failed = admin_client.get(QUEUE, {"status": "failed"}).content.decode()
    assert "Broken one" in only_failed and "Went out" not in only_failed


def test_a_message_page_shows_the_last_error_but_never_the_body(admin_client):
    message = failed()

    html = admin_client.get(reverse("mail_queue:inspect", args=[message.pk])).content.decode()

    assert "Connection refused" in html
    assert "Confirm your e-mail address" in html
    assert "secret-token" not in html
    assert "secret-token" not in admin_client.get(QUEUE).content.decode()


def test_the_queue_is_read_only(admin_client):
    message = failed()
    for path in ("new/", f"edit/{message.pk}/", f"delete/{message.pk}/"):
        assert admin_client.get(f"{QUEUE}{path}").status_code == 404


def test_retry_now_sends_a_failed_message_again(admin_client):
    message = failed()
    url = reverse("mail_queue:retry", args=[message.pk])

    assert "Send “Confirm your e-mail address”" in admin_client.get(url).content.decode()
    response = admin_client.post(url)

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == QueuedEmail.Status.PENDING  # the job runs after the commit
    assert message.next_attempt_at is not None


def test_retry_now_runs_the_delivery_once_committed(
    admin_client, django_capture_on_commit_callbacks
):
    message = failed()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("mail_queue:retry", args=[message.pk]))

    message.refresh_from_db()
    assert message.status == QueuedEmail.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Confirm your e-mail address"]


def test_a_sent_message_cannot_be_retried(admin_client):
    message = queued("Went out", QueuedEmail.Status.SENT, next_attempt_at=None)

    response = admin_client.post(reverse("mail_queue:retry", args=[message.pk]))

    assert response.status_code == 409
    assert "Only failed e-mails" in response.content.decode()


def test_viewers_see_the_queue_but_cannot_retry():
    viewer = staff_with("view_queuedemail")
    message = failed()

    assert viewer.get(QUEUE).status_code == 200
    assert "Retry now" not in viewer.get(QUEUE).content.decode()
    response = viewer.post(reverse("mail_queue:retry", args=[message.pk]))
    assert response.status_code in (302, 403)
    message.refresh_from_db()
    assert message.status == QueuedEmail.Status.FAILED


def test_the_queue_is_closed_to_other_staff():
    other = staff_with("add_redirect")

    response = other.get(QUEUE)

    assert response.status_code in (302, 403)
    assert "Confirm" not in response.content.decode()
