"""Independence: who may not review, or vote on, an application.

One question, asked everywhere (the reviewers offered, assignment, review, evidence, votes):
is the person in the conflict-of-interest register against the application's city or the
city's country, on that day? The reviewer's own declaration is a second gate on top.
"""

from django.db.models import Q
from django.utils import timezone

from knowledge.models import CityPage

from .models import ConflictOfInterest


def _country_of(application):
    return (
        CityPage.objects.filter(translation_key=application.city_key)
        .values_list("country", flat=True)
        .first()
    )


def conflicts_against(application, day=None):
    """The register's entries in force on `day` (today) against the application's city or
    its country."""
    day = day or timezone.localdate()
    against = Q(city__translation_key=application.city_key)
    country = _country_of(application)
    if country:
        against |= Q(country=country)
    in_force = (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return ConflictOfInterest.objects.filter(against & in_force)


def conflicted_user_ids(application, day=None):
    return set(conflicts_against(application, day).values_list("person_id", flat=True))


def is_conflicted(user, application, day=None):
    if not user.is_authenticated:
        return False
    return conflicts_against(application, day).filter(person=user).exists()
