"""What waits in the knowledge base for the admin dashboard's "Waiting for you" panel: rows of
(label, count, address), only those the user may act on (see cms.dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import InitiativeComment, Registration
from .services import MODERATE_PERMISSION

TO_REVIEW = [InitiativeComment.Status.PENDING, InitiativeComment.Status.REPORTED]


def waiting(request):
    user = request.user
    rows = []
    if user.has_perm("knowledge.change_registration"):
        count = Registration.objects.filter(status=Registration.Status.PENDING).count()
        rows.append((_("Requests to join"), count, reverse("knowledge_registrations:list")))
    if user.has_perm(MODERATE_PERMISSION):
        count = InitiativeComment.objects.filter(status__in=TO_REVIEW).count()
        rows.append((_("Comments to review"), count, reverse("knowledge_comments:list")))
    return rows
