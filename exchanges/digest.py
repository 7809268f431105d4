"""The moderators' daily digest: what waits for them (comments, registrations, pages in
moderation), sent only when something waits."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import WorkflowState

from knowledge.models import InitiativeComment, Registration

from . import notifications


def waiting():
    """{"comments": n, "registrations": n, "pages": n}."""
    Status = InitiativeComment.Status
    return {
        "comments": InitiativeComment.objects.filter(
            status__in=[Status.PENDING, Status.REPORTED]
        ).count(),
        "registrations": Registration.objects.filter(status=Registration.Status.PENDING).count(),
        "pages": WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count(),
    }


def send_digest():
    """E-mail the digest to every moderator who keeps it on; returns how many were sent."""
    counts = waiting()
    if not any(counts.values()):
        return 0
    total = sum(counts.values())

    def context_for(language, locale):
        return {
            "counts": counts,
            "url": notifications.absolute("/admin/"),
            "subject_values": {"count": total},
        }

    return notifications.notify(
        notifications.moderators(),
        "digest",
        _("Waiting for moderators: %(count)s"),
        "digest",
        context_for,
    )
