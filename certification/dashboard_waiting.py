"""What waits in certification for the admin dashboard's "Waiting for you" panel (see
cms.dashboard): applications to assign for the secretariat, reviews for a reviewer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import permissions
from .models import Application, ReviewAssignment


def waiting(request):
    user = request.user
    rows = []
    if permissions.is_secretariat(user):
        count = Application.objects.filter(status=Application.Status.SUBMITTED).count()
        rows.append(
            (
                _("Applications to assign to reviewers"),
                count,
                reverse("certification_admin:dashboard"),
            )
        )
    reviews = ReviewAssignment.objects.filter(
        reviewer=user, application__status=Application.Status.IN_REVIEW
    ).exclude(has_conflict=True)
    count = reviews.count() if user.is_authenticated else 0
    rows.append((_("Applications to review"), count, reverse("certification:review_list")))
    return rows
