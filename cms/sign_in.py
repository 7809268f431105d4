"""Sign-in throttling with django-axes: two limits on failed sign-ins.

- AXES_FAILURE_LIMIT failures for one user name from one client address lock that user name
  from that address only. Everyone behind the same proxy (or anyone else) still signs in, and
  a guesser cannot lock a person out by typing their name from elsewhere.
- AXES_USERNAME_FAILURE_LIMIT failures for one user name from any number of addresses lock it
  everywhere, so guessing from many addresses is bounded too.

Both count axes' attempt records within AXES_COOLOFF_TIME, which are kept per user name and
address. Axes compares one number with AXES_FAILURE_LIMIT, so the handler gives it the count
from this address, or the count from everywhere scaled to that limit, whichever locks first.
"""

from django.conf import settings
from django.db.models import Sum

from axes.attempts import get_cool_off_threshold
from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt

# Axes stores user names in a column of this length; PostgreSQL refuses longer values.
USERNAME_STORED_LENGTH = 255


def attempted_username(request, credentials=None):
    """The user name of a sign-in attempt as axes records it (AXES_USERNAME_CALLABLE)."""
    field = axes_settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return None if username is None else str(username)[:USERNAME_STORED_LENGTH]


class SignInAttemptHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        attempts = AccessAttempt.objects.filter(username=get_client_username(request, credentials))
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        here = attempts.filter(ip_address=request.axes_ip_address)
        from_here = here.aggregate(n=Sum("failures_since_start"))["n"] or 0
        everywhere = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        limit = settings.AXES_FAILURE_LIMIT
        everywhere_limit = max(settings.AXES_USERNAME_FAILURE_LIMIT, 1)
        # The lockout page says which limit was reached.
        request.axes_locked_everywhere = everywhere >= everywhere_limit
        # Reaches `limit` exactly when `everywhere` reaches `everywhere_limit`.
        return max(from_here, everywhere * limit // everywhere_limit)
