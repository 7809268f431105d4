"""E-mails of the network, each in its recipient's language and only if they want it
(NotificationSettings). They go through the outbox like every e-mail of the platform
(mailqueue's EMAIL_BACKEND), sent by the worker."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from knowledge.models import CityMembership, Registration

from .models import NotificationSettings, city_pages
from .partners import partners_by_key

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
MODERATE_PERMISSION = ("knowledge", "change_initiativecomment")


def language_of(user):
    """The person's language: their profile's (set from the registration when a moderator
    approves a member), else the one they registered in, else the site's default."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile and profile.preferred_language in LANGUAGE_CODES:
        return profile.preferred_language
    registration = Registration.objects.filter(user=user).first()
    if registration and registration.language in LANGUAGE_CODES:
        return registration.language
    return settings.LANGUAGE_CODE


def wants(user, setting):
    """Whether `user` keeps the e-mails of `setting` on (all are on until turned off)."""
    row = NotificationSettings.objects.filter(user=user).first()
    return row is None or getattr(row, setting)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def city_members(city_key, exclude=None):
    users = get_user_model().objects.filter(
        pk__in=CityMembership.objects.filter(city_key=city_key, active=True).values("user_id"),
        is_active=True,
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exclude(email="").order_by("pk")


def moderators():
    """Active holders of the comment moderation permission, through a group or directly."""
    permission = Permission.objects.get(
        content_type__app_label=MODERATE_PERMISSION[0], codename=MODERATE_PERMISSION[1]
    )
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def notify(users, setting, subject, template, context_for):
    """Send `template` to each of `users` who keeps `setting` on, in their language.
    `subject` is a lazy string; `context_for(language, locale)` gives the template's context.
    Returns the number of e-mails queued."""
    sent = 0
    seen = set()
    for user in users:
        if user.email in seen or not wants(user, setting):
            continue
        seen.add(user.email)
        language = language_of(user)
        with translation.override(language):
            locale = Locale.get_active()
            context = {
                "recipient": user,
                "settings_url": absolute(reverse("exchanges:notifications")),
                **context_for(language, locale),
            }
            text = str(subject) % context.get("subject_values", {})
            body = render_to_string(f"exchanges/emails/{template}.txt", context)
            EmailMessage(
                text, body, None, [user.email], headers={"Content-Language": language}
            ).send()
        sent += 1
    return sent


def exchange_context(exchange, for_partner=False):
    """The context of an exchange's e-mails; `for_partner` links to the partners' area instead
    of My City (and says why a partner receives it)."""

    def context_for(language, locale):
        sides = {
            **city_pages(exchange.city_keys(), locale),
            **partners_by_key({exchange.partner_key}, locale),
        }
        requesting = sides.get(exchange.requesting_city_key)
        receiving = sides.get(exchange.receiving_key)
        url_name = "partners_area:detail" if for_partner else "exchanges:detail"
        return {
            "exchange": exchange,
            "for_partner": for_partner,
            "requesting_city": requesting,
            "receiving_city": receiving,
            "initiative": exchange.initiative(locale),
            "url": absolute(reverse(url_name, args=[exchange.pk])),
            "subject_values": {
                "requesting": requesting.title if requesting else "",
                "receiving": receiving.title if receiving else "",
            },
        }

    return context_for
