"""E-mails about applications, each recipient in their own language with a link in it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from knowledge.models import CityMembership

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _recipients(users, fallback_language):
    """(user, language) once per active address: the user's preferred language, else
    `fallback_language`."""
    seen = set()
    for user in users:
        if not user.email or not user.is_active or user.email in seen:
            continue
        seen.add(user.email)
        profile = UserProfile.objects.filter(user=user).first()
        preferred = profile.preferred_language if profile else ""
        yield user, preferred if preferred in LANGUAGE_CODES else fallback_language


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def application_url(application, language):
    with translation.override(language):
        return _absolute(reverse("certification:application", args=[application.pk]))


def notify(users, subject, template, application, **context):
    """Send `template` to each of `users` (once each) in their language."""
    for user, language in _recipients(users, application.language):
        with translation.override(language):
            locale = Locale.get_active()
            body = render_to_string(
                f"certification/emails/{template}.txt",
                {
                    "application": application,
                    "stage": application.stage(locale),
                    "city": application.city(locale),
                    "url": application_url(application, language),
                    "recipient": user,
                    **context,
                },
            )
            send_mail(str(subject), body, None, [user.email])


def city_members(application):
    keys = CityMembership.objects.filter(city_key=application.city_key).values("user_id")
    return get_user_model().objects.filter(pk__in=keys, is_active=True)


def secretariat():
    """Holders of the manage permission through a group or directly (not every superuser)."""
    permission = Permission.objects.get(
        content_type__app_label="certification", codename="manage_applications"
    )
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True)
        .distinct()
    )


def reviewers(application):
    """The assigned reviewers who have not withdrawn for a conflict of interest."""
    active = (
        application.assignments.filter(superseded=False)
        .exclude(has_conflict=True)
        .values("reviewer_id")
    )
    return get_user_model().objects.filter(pk__in=active, is_active=True)


def notify_meeting(meeting, subject, template, **context):
    """`template` to the meeting's members and the secretariat, about the meeting."""
    people = list(meeting.members.all()) + list(secretariat())
    for user, language in _recipients(people, settings.LANGUAGE_CODE):
        with translation.override(language):
            path = reverse("certification:meeting", args=[meeting.pk])
            body = render_to_string(
                f"certification/emails/{template}.txt",
                {"meeting": meeting, "url": _absolute(path), **context},
            )
            send_mail(str(subject), body, None, [user.email])
