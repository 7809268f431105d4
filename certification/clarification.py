"""Clarification threads: the assessors or the secretariat ask the city questions on some
criteria, with a deadline, as a round; the city answers each question, which closes the round
and returns the application to its review. Several rounds may follow one another; each has its
own deadline and its own reminder (clarification_deadlines, run hourly by the scheduler)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import emails
from .models import Application, ClarificationQuestion, ClarificationRound
from .workflow import TransitionError, _record, _transition

Status = Application.Status


def open_round(application):
    return (
        application.clarification_rounds.filter(answered_at__isnull=True, lapsed_at__isnull=True)
        .prefetch_related("questions")
        .first()
    )


def threads(application):
    """Every round, oldest first, with its questions (for the application page)."""
    return list(application.clarification_rounds.prefetch_related("questions").order_by("number"))


def overdue_rounds(today=None):
    """Open rounds past their deadline (not yet closed by the hourly job)."""
    today = today or timezone.localdate()
    return ClarificationRound.objects.filter(
        answered_at__isnull=True, lapsed_at__isnull=True, deadline__lt=today
    )


@transaction.atomic
def request(application, user, questions, deadline):
    """A new round: `questions` is {criterion code: question}; at least one is needed, each
    on a criterion of the application."""
    codes = set(application.criteria_version.codes)
    questions = {code: text.strip() for code, text in questions.items() if text and text.strip()}
    if not questions or not set(questions) <= codes:
        raise TransitionError(_("Ask at least one question on a criterion."))
    number = (application.clarification_rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    _transition(
        application,
        [Status.IN_REVIEW],
        Status.CLARIFICATION,
        user,
        "certification.clarify",
        deadline=deadline.isoformat(),
        round=number,
        criteria=sorted(questions),
    )
    round_ = ClarificationRound.objects.create(
        application=application, number=number, deadline=deadline, asked_by=user
    )
    ClarificationQuestion.objects.bulk_create(
        ClarificationQuestion(round=round_, criterion_code=code, question=text)
        for code, text in sorted(questions.items())
    )
    emails.notify(
        emails.city_members(application),
        gettext_lazy("The reviewers ask your city for a clarification"),
        "clarification",
        application,
        round=round_,
    )
    return round_


@transaction.atomic
def respond(application, user, answers):
    """The city answers the open round: `answers` is {question id: answer}, one for each
    question of the round."""
    round_ = open_round(application)
    if round_ is None or application.status != Status.CLARIFICATION:
        raise TransitionError(_("No clarification is awaited from your city."))
    questions = list(round_.questions.all())
    missing = [q for q in questions if not (answers.get(q.pk) or "").strip()]
    if missing:
        raise TransitionError(_("Answer every question of the round."))
    now = timezone.now()
    for question in questions:
        question.answer = answers[question.pk].strip()
        question.answered_by = user
        question.answered_at = now
    ClarificationQuestion.objects.bulk_update(questions, ["answer", "answered_by", "answered_at"])
    round_.answered_at = now
    round_.save(update_fields=["answered_at"])
    _transition(
        application,
        [Status.CLARIFICATION],
        Status.IN_REVIEW,
        user,
        "certification.respond",
        round=round_.number,
    )
    emails.notify(
        emails.reviewers(application),
        gettext_lazy("The city answered your request for clarification"),
        "responded",
        application,
        round=round_,
    )
    return round_


def clarification_deadlines(today=None, reminder_days=3):
    """Remind cities as the deadline of an open round nears; close rounds whose deadline has
    passed and send their applications back to the assessors. Returns (reminded, returned)."""
    today = today or timezone.localdate()
    reminded = returned = 0
    for round_ in overdue_rounds(today).select_related("application"):
        with transaction.atomic():
            application = round_.application
            round_.lapsed_at = timezone.now()
            round_.save(update_fields=["lapsed_at"])
            _transition(
                application,
                [Status.CLARIFICATION],
                Status.IN_REVIEW,
                None,
                "certification.deadline_passed",
                round=round_.number,
            )
            people = list(emails.reviewers(application)) + list(emails.city_members(application))
            emails.notify(
                people,
                gettext_lazy("A clarification deadline has passed"),
                "deadline_passed",
                application,
                round=round_,
            )
        returned += 1
    soon = today + datetime.timedelta(days=reminder_days)
    due = ClarificationRound.objects.filter(
        answered_at__isnull=True,
        lapsed_at__isnull=True,
        deadline__gte=today,
        deadline__lte=soon,
        reminded_at__isnull=True,
    ).select_related("application")
    for round_ in due:
        with transaction.atomic():
            round_.reminded_at = timezone.now()
            round_.save(update_fields=["reminded_at"])
            _record(round_.application, "certification.remind", None, round=round_.number)
            emails.notify(
                emails.city_members(round_.application),
                gettext_lazy("Reminder: the reviewers are waiting for your clarification"),
                "reminder",
                round_.application,
                round=round_,
            )
        reminded += 1
    return reminded, returned
