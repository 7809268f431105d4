"""Applications for a certification stage: a city's answers and private evidence, and the
technical review (reviewers, conflict declarations, assessments)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge.models import CityPage

from .framework import CertificationStage, CertifyingBody, CriteriaVersion


def evidence_storage():
    # Always in the private location, whatever its name (files.storage.EvidenceStorage).
    return storages["evidence"]


def evidence_path(instance, filename):
    extension = PurePath(filename).suffix.lower()
    return f"applications/{instance.answer.application_id}/{uuid.uuid4().hex}{extension}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CLARIFICATION = "clarification", _("Clarification requested")
        REVIEWED = "reviewed", _("Reviewed")
        CERTIFIED = "certified", _("Certified")
        NOT_ELIGIBLE = "not_eligible", _("Not yet eligible")
        # The committee deferred its decision: the application goes on a later agenda.
        DEFERRED = "deferred", _("Deferred")
        # Appealed after "not yet eligible": the city adds evidence, then submits again.
        APPEAL = "appeal", _("Appeal in preparation")

    city_key = models.UUIDField(_("city"), db_index=True)  # translation_key of the city pages
    stage_code = models.SlugField(_("stage"), max_length=50)
    criteria_version = models.ForeignKey(
        CriteriaVersion,
        verbose_name=_("criteria version"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    certifying_body = models.ForeignKey(
        CertifyingBody,
        verbose_name=_("certifying body"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("review completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("certification application")
        verbose_name_plural = _("certification applications")
        ordering = ["-created_at"]
        permissions = [
            ("manage_applications", _("Can assign reviewers to certification applications")),
            ("view_all_applications", _("Can see every certification application")),
        ]

    def __str__(self):
        return f"{self.stage_code} #{self.pk}"

    def stage(self, locale=None):
        """The stage snippet in `locale` if translated, else in the default language."""
        key = self.criteria_version.stage_key
        return rows_in_locale(CertificationStage, [key], locale).get(key)

    def city(self, locale=None):
        return rows_in_locale(CityPage, [self.city_key], locale).get(self.city_key)

    @property
    def editable_by_city(self):
        return self.status in (self.Status.DRAFT, self.Status.CLARIFICATION, self.Status.APPEAL)

    @property
    def under_review(self):
        return self.status in (self.Status.SUBMITTED, self.Status.IN_REVIEW)


def rows_in_locale(model, keys, locale):
    """{translation_key: row of `model`} in `locale` where translated, else the first row (the
    source language), in one query."""
    rows = {}
    for row in model.objects.filter(translation_key__in=set(keys)).order_by("pk"):
        if row.translation_key not in rows or (locale is not None and row.locale_id == locale.pk):
            rows[row.translation_key] = row
    return rows


def localize(applications, locale):
    """Give each application its `stage_in_locale` and `city_in_locale` (in `locale` where
    translated, else in any language) with two queries for the whole list."""

    applications = list(applications)
    stages = rows_in_locale(
        CertificationStage, [a.criteria_version.stage_key for a in applications], locale
    )
    cities = rows_in_locale(CityPage, [a.city_key for a in applications], locale)
    for application in applications:
        application.stage_in_locale = stages.get(application.criteria_version.stage_key)
        application.city_in_locale = cities.get(application.city_key)
    return applications


class SelfRating(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet met")
    PARTLY = "partly", _("Partly met")
    LARGELY = "largely", _("Largely met")
    FULLY = "fully", _("Fully met")


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion_code = models.CharField(_("criterion"), max_length=10)
    narrative = models.TextField(_("narrative"), blank=True)
    self_rating = models.CharField(
        _("self-rating"), max_length=20, choices=SelfRating.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion_code"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.application} {self.criterion_code}"


EVIDENCE_LANGUAGES = [*settings.LANGUAGES, ("other", _("Another language"))]


class Evidence(models.Model):
    """One piece of evidence for an answer: a private file and/or a data source."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), storage=evidence_storage, upload_to=evidence_path, blank=True, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    data_source = models.CharField(_("data source"), max_length=500, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=EVIDENCE_LANGUAGES)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name or self.data_source


class TechnicalReviewer(models.Model):
    """A member of the independent technical team, and the UN languages they review in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="technical_reviewer",
    )
    languages = models.JSONField(_("languages"), default=list)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("technical reviewer")
        verbose_name_plural = _("technical reviewers")

    def __str__(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()


class Recommendation(models.TextChoices):
    """A reviewer's overall recommendation to the committee."""

    CERTIFY = "certify", _("Certify")
    NOT_ELIGIBLE = "not_eligible", _("Not yet eligible")
    DEFER = "defer", _("Defer")


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    # None until the reviewer declares; a reviewer with a conflict is withdrawn.
    has_conflict = models.BooleanField(_("conflict of interest"), null=True)
    conflict_details = models.TextField(_("details"), blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    recommendation = models.CharField(
        _("overall recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    recommendation_rationale = models.TextField(_("rationale of the recommendation"), blank=True)
    recommended_at = models.DateTimeField(null=True, blank=True)
    # The assessor's own scores are final; from then on they see the other assessor's.
    scores_submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    # From the review before an appeal: kept for the record, no longer acting.
    superseded = models.BooleanField(_("before the appeal"), default=False)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.application} → {self.reviewer}"

    @property
    def active(self):
        return self.has_conflict is not True

    @property
    def cleared(self):
        """Declared free of conflict: may see the evidence and assess."""
        return self.has_conflict is False


class Appeal(models.Model):
    """A city's one appeal against a "not yet eligible" decision: new evidence, a different
    pair of reviewers, then the committee again."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="appeal")
    grounds = models.TextField(_("grounds of the appeal"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed"), auto_now_add=True)
    # The first review's assessments, as they were when the appeal was filed.
    previous_assessments = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"{self.application}: appeal"


class Assessment(models.Model):
    """The agreed (consensus) score of a criterion, recorded by the two assessors after each
    scored it on their own (AssessorScore), with the reason where their scores differed."""

    class Result(models.TextChoices):
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    criterion_code = models.CharField(_("criterion"), max_length=10)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    comment = models.TextField(_("comment"), blank=True)
    difference_reason = models.TextField(_("reason for the difference"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion_code"], name="one_assessment_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.application} {self.criterion_code}: {self.result}"
