"""What members do with each other's initiatives: comments (moderated unless the author is
trusted), reports on comments, and the replication network ("we replicated this")."""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class CommentQuerySet(models.QuerySet):
    def for_initiative(self, page):
        """Comments on `page` in every language: a comment belongs to the initiative, not to
        the translation it was written on."""
        return self.filter(page__translation_key=page.translation_key)

    def published(self):
        return self.filter(status=InitiativeComment.Status.PUBLISHED)


class InitiativeComment(models.Model):
    """A member's comment on an initiative, shown in the language it was written in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        REPORTED = "reported", _("Reported, hidden until reviewed")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    page = models.ForeignKey(
        Page, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="+"
    )
    # Empty once the author deleted their account: the comment stays, by a "former member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative_comments",
    )
    body = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class CommentReport(models.Model):
    """A member's report that a comment breaks the rules. Reports a moderator has looked at
    no longer count towards hiding the comment again."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Offensive or abusive")
        PERSONAL = "personal", _("Shares personal data")
        OFF_TOPIC = "off-topic", _("Off topic")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(InitiativeComment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    reviewed = models.BooleanField(_("reviewed by a moderator"), default=False)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_member")
        ]

    def __str__(self):
        return self.get_reason_display()


class TrustedCommenter(models.Model):
    """A member whose comments appear without waiting for a moderator."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_trust"
    )
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    trusted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trusted commenter")
        verbose_name_plural = _("trusted commenters")

    def __str__(self):
        return str(self.user)


class ReplicationInterest(models.Model):
    """A city that replicated an initiative of another city, or wants to. One entry per city and
    initiative, whatever the language; a city may move from interested to replicated."""

    class Kind(models.TextChoices):
        INTERESTED = "interested", _("Interested in replicating it")
        REPLICATED = "replicated", _("We replicated it")

    initiative_key = models.UUIDField(_("initiative"), db_index=True)  # translation_key
    page = models.ForeignKey(
        Page, verbose_name=_("recorded on"), on_delete=models.CASCADE, related_name="+"
    )
    city_key = models.UUIDField(_("city"))  # translation_key of the member's city
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative_key", "city_key"], name="one_replication_per_city"
            )
        ]

    def __str__(self):
        return self.get_kind_display()


def replication_counts(initiative_keys):
    """{initiative_key: {"replicated": n, "interested": m}} in one query."""
    counts = {key: {kind: 0 for kind in ReplicationInterest.Kind.values} for key in initiative_keys}
    rows = (
        ReplicationInterest.objects.filter(initiative_key__in=counts)
        .order_by()
        .values("initiative_key", "kind")
        .annotate(count=Count("pk"))
    )
    for row in rows:
        counts[row["initiative_key"]][row["kind"]] = row["count"]
    return counts
