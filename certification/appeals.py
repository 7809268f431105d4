"""Appeals: a city appeals a "not yet eligible" decision once, within the period set by
CERTIFICATION_APPEAL_DAYS; a different pair of reviewers then reviews the application again."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import emails
from .conf import app_settings
from .models import Appeal, Application
from .workflow import TransitionError, _transition

Status = Application.Status


def appeal_deadline(application):
    """The last day to appeal the application's "not yet eligible" decision, or None when it
    cannot be appealed (another outcome, or appealed once already)."""
    if (
        application.status != Status.NOT_ELIGIBLE
        or Appeal.objects.filter(application=application).exists()
    ):
        return None
    decision = (
        application.agenda_items.filter(outcome="not_eligible").order_by("-decided_at").first()
    )
    if decision is None or decision.decided_at is None:
        return None
    decided = timezone.localdate(decision.decided_at)
    return decided + datetime.timedelta(days=app_settings.CERTIFICATION_APPEAL_DAYS)


@transaction.atomic
def appeal(application, user, grounds):
    """The city appeals a "not yet eligible" decision, once, within the period: the application
    opens for new evidence; the first review's reviewers step back (kept for the record) so
    that a different pair reviews it, and its assessments are kept with the appeal."""

    deadline = appeal_deadline(application)
    if deadline is None:
        raise TransitionError(_("This application cannot be appealed."))
    if timezone.localdate() > deadline:
        raise TransitionError(_("The period to appeal has ended."))
    previous = {
        a.criterion_code: {"result": a.result, "comment": a.comment}
        for a in application.assessments.all()
    }
    Appeal.objects.create(
        application=application, grounds=grounds, filed_by=user, previous_assessments=previous
    )
    application.assessments.all().delete()
    application.assignments.update(superseded=True)
    application.reviewed_at = None
    _transition(application, [Status.NOT_ELIGIBLE], Status.APPEAL, user, "certification.appeal")
    emails.notify(
        emails.secretariat(),
        gettext_lazy("A city appealed a certification decision"),
        "appealed",
        application,
        grounds=grounds,
    )
