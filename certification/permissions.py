"""Who may see and do what with certification applications.

- The city's members see and edit their own applications (edit only while a draft or when a
  clarification is asked), and download their evidence.
- The secretariat (certification.manage_applications) sees every application and assigns
  reviewers; the committee (certification.view_all_applications) sees every application.
- A technical reviewer sees only the applications assigned to them, and their evidence only after
  declaring no conflict of interest; a declared conflict withdraws them.
- Nobody registered in the conflict-of-interest register against the application's city or
  its country (certification.independence) is offered, assigned, sees the evidence, reviews or
  votes, whatever they declared.
- Nobody else sees anything; views answer 404 so that nobody learns what exists.
"""

from django.db.models import Q

from knowledge.members import membership as members

from . import independence
from .models import Application, ReviewAssignment, TechnicalReviewer

MANAGE = "certification.manage_applications"
VIEW_ALL = "certification.view_all_applications"


def city_key_of(user):
    """The city the user acts for, as My City decides it
    (knowledge.members.membership.membership_of)."""
    membership = members.membership_of(user)
    return membership.city_key if membership else None


def is_secretariat(user):
    return user.is_authenticated and user.has_perm(MANAGE)


def sees_all(user):
    return user.is_authenticated and (user.has_perm(VIEW_ALL) or user.has_perm(MANAGE))


def is_reviewer(user):
    return (
        user.is_authenticated and TechnicalReviewer.objects.filter(user=user, active=True).exists()
    )


def visible_applications(user):
    """The applications `user` may open."""
    if not user.is_authenticated:
        return Application.objects.none()
    if sees_all(user):
        return Application.objects.all()
    condition = Q(
        pk__in=ReviewAssignment.objects.filter(reviewer=user, superseded=False)
        .exclude(has_conflict=True)
        .values("application_id")
    )
    city_key = city_key_of(user)
    if city_key is not None:
        condition |= Q(city_key=city_key)
    return Application.objects.filter(condition)


def assignment_of(user, application):
    if not user.is_authenticated:
        return None
    return ReviewAssignment.objects.filter(
        application=application, reviewer=user, superseded=False
    ).first()


def is_city_member(user, application):
    return city_key_of(user) == application.city_key


def can_edit(user, application):
    return is_city_member(user, application) and application.editable_by_city


def barred(user, application):
    """A reviewer (neither of the city nor staff) registered against the city or its country:
    the application is closed to them."""
    if is_city_member(user, application) or sees_all(user):
        return False
    return independence.is_conflicted(user, application)


def can_see_evidence(user, application):
    if is_city_member(user, application) or sees_all(user):
        return True
    assignment = assignment_of(user, application)
    return (
        assignment is not None
        and assignment.cleared
        and not independence.is_conflicted(user, application)
    )


def can_review(user, application):
    """An assigned reviewer without a conflict, while the application is in review."""
    assignment = assignment_of(user, application)
    return (
        assignment is not None
        and assignment.cleared
        and application.status == Application.Status.IN_REVIEW
        and not independence.is_conflicted(user, application)
    )


def can_ask_clarification(user, application):
    """An assessor who may review, or the secretariat, while the application is in review."""
    if is_secretariat(user):
        return application.status == Application.Status.IN_REVIEW
    return can_review(user, application)
