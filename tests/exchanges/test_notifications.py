"""Comment notifications and the moderators' digest: who hears, in which language, and only
when they want it and when something waits."""

from django.core import mail

import pytest

from exchanges.digest import send_digest, waiting
from exchanges.models import NotificationSettings
from knowledge.community import services as interaction
from knowledge.models import InitiativeComment, Registration
from tests.knowledge.members import make_moderator

from .conftest import set_language

Status = InitiativeComment.Status


@pytest.fixture
def pending_comment(network):
    comment = interaction.post_comment(
        network["initiative"], network["danang_member"], "Très intéressant", "fr"
    )
    assert comment.status == Status.PENDING
    return comment


def test_approval_tells_the_author_and_the_city(network, pending_comment):
    moderator = make_moderator()
    mail.outbox.clear()
    assert not mail.outbox  # pending: nobody told yet
    interaction.moderate(pending_comment, moderator, Status.PUBLISHED)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"danang@example.org", "milan@example.org", "milan2@example.org"}
    author_mail = by_address["danang@example.org"]
    assert author_mail.extra_headers["Content-Language"] == "fr"
    assert "Food policy" in author_mail.subject
    city_mail = by_address["milan@example.org"]
    assert city_mail.extra_headers["Content-Language"] == "en"
    assert "Très intéressant" in city_mail.body


def test_hiding_or_publishing_again_sends_nothing(network, pending_comment):
    moderator = make_moderator()
    interaction.moderate(pending_comment, moderator, Status.HIDDEN)
    interaction.moderate(pending_comment, moderator, Status.PUBLISHED)
    mail.outbox.clear()
    interaction.moderate(pending_comment, moderator, Status.PUBLISHED)
    assert not mail.outbox


def test_settings_off_means_no_mail(network, pending_comment):
    NotificationSettings.objects.create(user=network["danang_member"], comment_approved=False)
    NotificationSettings.objects.create(user=network["milan_colleague"], comments=False)
    mail.outbox.clear()
    interaction.moderate(pending_comment, make_moderator(), Status.PUBLISHED)
    assert [m.to[0] for m in mail.outbox] == ["milan@example.org"]


def test_trusted_comment_is_announced_at_once_but_not_to_its_author(network):
    moderator = make_moderator()
    set_language(moderator, "es")
    mail.outbox.clear()
    interaction.post_comment(network["initiative"], network["milan_member"], "Update", "en")
    # A Milan member (not trusted) waits; nothing is sent.
    assert not mail.outbox
    comment = interaction.post_comment(network["initiative"], moderator, "Bravo", "es")
    assert comment.status == Status.PUBLISHED
    assert sorted(m.to[0] for m in mail.outbox) == ["milan2@example.org", "milan@example.org"]


def test_digest_only_when_something_waits(network):
    moderator = make_moderator()
    set_language(moderator, "ru")
    InitiativeComment.objects.all().delete()
    Registration.objects.filter(status=Registration.Status.PENDING).delete()
    mail.outbox.clear()
    assert not any(waiting().values())
    assert send_digest() == 0
    assert not mail.outbox
    interaction.post_comment(network["initiative"], network["danang_member"], "?", "fr")
    assert waiting()["comments"] == 1
    assert send_digest() == 1
    (digest,) = mail.outbox
    assert digest.to == [moderator.email]
    assert digest.extra_headers["Content-Language"] == "ru"
    # Members are not moderators: they get no digest.
    assert "danang@example.org" not in digest.to


def test_digest_respects_the_setting(network):
    moderator = make_moderator()
    NotificationSettings.objects.create(user=moderator, digest=False)
    interaction.post_comment(network["initiative"], network["danang_member"], "?", "fr")
    mail.outbox.clear()
    assert send_digest() == 0
    assert not mail.outbox


def test_digest_is_a_scheduled_job(settings):
    assert settings.PERIODIC_TASKS["exchanges.tasks.moderation_digest"] == {"hours": 24}
