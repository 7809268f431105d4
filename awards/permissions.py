"""Who may do what with awards, asked by the admin screens, the public views and the API alike.

- Nominating: an approved member of a city (knowledge's membership record), for a cycle open
  for nominations, one of their own city's live initiatives.
- Scoring: a juror listed on the cycle, while the jury is at work, on a nomination whose city
  they have no conflict of interest with (certification's register of interests, asked through
  certification.independence as for reviewers and committee members).
- Seeing scores: jurors see their own until the cycle is decided, then the cycle's; the
  secretariat sees all.
"""

from certification.independence import is_conflicted

from .models import AwardCycle, Score

MANAGE = "awards.change_awardcycle"


def is_secretariat(user):
    return user.is_authenticated and user.has_perm(MANAGE)


def is_juror(user, cycle):
    if not user.is_authenticated:
        return False
    jurors = cycle.__dict__.setdefault("_juror_ids", {})
    if user.pk not in jurors:
        jurors[user.pk] = cycle.jury.filter(pk=user.pk).exists()
    return jurors[user.pk]


def conflicted(user, nomination):
    """The register's entries against the nominated city or its country, today."""
    return is_conflicted(user, nomination)


def may_score(user, nomination):
    cycle = nomination.cycle
    return (
        cycle.status == AwardCycle.Status.JUDGING
        and user.has_perm("awards.add_score")
        and is_juror(user, cycle)
        and not conflicted(user, nomination)
    )


def visible_scores(user):
    """The scores `user` may read in the admin."""
    if is_secretariat(user):
        return Score.objects.all()
    own = Score.objects.filter(juror=user)
    decided = Score.objects.filter(
        nomination__cycle__status=AwardCycle.Status.DECIDED, nomination__cycle__jury=user
    )
    return (own | decided).distinct()
