"""The technical review beyond the assignment: each assessor's own scores, and clarification
rounds whose questions and answers are per criterion. The agreed (consensus) score of each
criterion is the application's Assessment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Application, Assessment, ReviewAssignment


class AssessorScore(models.Model):
    """One assessor's score of one criterion, made without seeing the other assessor's."""

    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion_code = models.CharField(_("criterion"), max_length=10)
    result = models.CharField(_("result"), max_length=20, choices=Assessment.Result.choices)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessor's score")
        verbose_name_plural = _("assessors' scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion_code"], name="one_score_per_assessor_criterion"
            )
        ]

    def __str__(self):
        return f"{self.assignment} {self.criterion_code}: {self.result}"


class ClarificationRound(models.Model):
    """One request for clarification: questions on some criteria, one deadline. The city
    answers each question; the round closes when it does, or when the deadline passes."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="clarification_rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    deadline = models.DateField(_("deadline"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Closed without an answer because the deadline passed.
    lapsed_at = models.DateTimeField(_("deadline passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("clarification round")
        verbose_name_plural = _("clarification rounds")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="one_clarification_round_number"
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.number}"

    @property
    def is_open(self):
        return self.answered_at is None and self.lapsed_at is None


class ClarificationQuestion(models.Model):
    """A question on one criterion in a round, and the city's answer. An empty criterion code
    is a question on the application as a whole (requests made before rounds existed)."""

    round = models.ForeignKey(
        ClarificationRound, on_delete=models.CASCADE, related_name="questions"
    )
    criterion_code = models.CharField(_("criterion"), max_length=10, blank=True)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("clarification question")
        verbose_name_plural = _("clarification questions")
        ordering = ["round", "pk"]

    def __str__(self):
        return f"{self.round} {self.criterion_code}"
