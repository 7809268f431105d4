"""Independence: who may not review, or vote on, an application.

One question, asked everywhere (the reviewers offered, assignment, review, evidence, votes):
is the person in the conflict-of-interest register against the application's city or the
city's country, on that day? The reviewer's own declaration is a second gate on top.
"""

from django.db.models import Q, Subquery
from django.utils import timezone

from knowledge.models import CityPage

from .models import ConflictOfInterest


def conflicts_against(application, day=None):
    """The register's entries in force on `day` (today) against the application's city or
    its country."""
    day = day or timezone.localdate()
    # One query: the city's country is read inside it.
    country = CityPage.objects.filter(translation_key=application.city_key).values("country")
    against = Q(city__translation_key=application.city_key) | (
        ~Q(country="") & Q(country__in=Subquery(country[:1]))
    )
    in_force = (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return ConflictOfInterest.objects.filter(against & in_force)


def conflicted_user_ids(application, day=None):
    return set(conflicts_against(application, day).values_list("person_id", flat=True))


def is_conflicted(user, application, day=None):
    """Asked several times a request (permissions, forms): answered once per user object."""
    if not user.is_authenticated:
        return False
    key = (application.pk, application.city_key, day)
    answers = user.__dict__.setdefault("_registered_conflicts", {})
    if key not in answers:
        answers[key] = conflicts_against(application, day).filter(person=user).exists()
    return answers[key]
