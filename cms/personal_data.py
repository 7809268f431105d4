"""What the platform holds about one person: all of it as JSON, or none of it once they leave.

`export(user)` gathers the account, the city membership and registration (with the privacy
notice agreed to), comments, reports, replications, saved searches, contact messages sent (the
copies the mail queue keeps), certification roles, the partner account, second-factor devices
and every log entry that names the person (as the actor, or in its data). `erase(user)` deletes
the account: comments stay, by a "former member"; initiatives stay with their city (Wagtail
keeps pages and revisions whose owner is gone); log entries keep their action but lose the name
and the address; the queued e-mails that named the address and the sign-in records go; one
confirmation e-mail is sent.

It lives in cms, which wires the apps together, because it reads every app's rows.
"""

import json
import re

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import BaseLogEntry
from wagtail.users.models import UserProfile

from alerts.models import SavedSearch
from certification.models import TechnicalReviewer
from certification.setup import COMMITTEE, SECRETARIAT
from exchanges.models import PartnerAccount
from knowledge.models import (
    CityMembership,
    CommentReport,
    InitiativeComment,
    Registration,
    ReplicationInterest,
)
from mailqueue.models import QueuedEmail

# What replaces a deleted person's name and address in log entries.
FORMER_MEMBER = "former member"


def _log_entry_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseLogEntry) and not model._meta.abstract
    ]


def _identifiers(user):
    """The strings that name the person: address, user name, full name."""
    found = {user.email, user.get_username(), user.get_full_name()}
    registration = Registration.objects.filter(user=user).first()
    if registration is not None:
        found |= {registration.email, registration.name}
    return {value for value in found if value and len(value) >= 3}


def _naming(queryset, field, identifiers):
    condition = models.Q()
    for value in identifiers:
        # JSON on SQLite keeps non-ASCII characters escaped (\u0623…); PostgreSQL does not.
        for form in {value, json.dumps(value)[1:-1]}:
            condition |= models.Q(_text__icontains=form)
    return queryset.annotate(_text=Cast(field, models.TextField())).filter(condition)


def log_entries_naming(user, identifiers=None):
    """(model, queryset) of the log entries by the person or naming them in their data."""
    identifiers = identifiers or _identifiers(user)
    for model in _log_entry_models():
        by_them = model.objects.filter(user_id=user.pk)
        naming = _naming(model.objects.all(), "data", identifiers).values("pk")
        labelled = model.objects.filter(
            models.Q(*[models.Q(label__icontains=value) for value in identifiers], _connector="OR")
        ).values("pk")
        yield (
            model,
            model.objects.filter(
                models.Q(pk__in=by_them.values("pk"))
                | models.Q(pk__in=naming)
                | models.Q(pk__in=labelled)
            ),
        )


def _emails_to(identifiers):
    condition = models.Q()
    for value in identifiers:
        if "@" in value:
            condition |= models.Q(recipients__icontains=value)
    return QueuedEmail.objects.filter(condition) if condition else QueuedEmail.objects.none()


def export(user):
    """Everything held about the person, as a dict ready for JSON."""
    identifiers = _identifiers(user)
    registration = Registration.objects.filter(user=user).select_related("city").first()
    membership = CityMembership.objects.filter(user=user).first()
    profile = UserProfile.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "preferred_language": profile.preferred_language if profile else "",
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "membership": membership
        and {
            "city_key": membership.city_key,
            "is_focal_point": membership.is_focal_point,
            "joined_at": membership.joined_at,
        },
        "registration": registration
        and {
            field: getattr(registration, field)
            for field in (
                "name",
                "email",
                "requested_city",
                "position",
                "organisation",
                "motivation",
                "language",
                "status",
                "created_at",
                "verified_at",
                "decided_at",
                "decline_reason",
                "privacy_notice_version",
                "consented_at",
            )
        }
        | {
            "city": registration.city.title if registration.city else "",
            "requested_country": str(registration.requested_country),
        },
        "comments": list(
            InitiativeComment.objects.filter(author=user)
            .order_by("created_at")
            .values("id", "page_id", "page__title", "body", "language", "status", "created_at")
        ),
        "reports": list(
            CommentReport.objects.filter(reporter=user)
            .order_by("created_at")
            .values("comment_id", "reason", "details", "created_at")
        ),
        "replications": list(
            ReplicationInterest.objects.filter(user=user)
            .order_by("created_at")
            .values("page_id", "page__title", "kind", "note", "created_at", "updated_at")
        ),
        "saved_searches": list(
            SavedSearch.objects.filter(user=user)
            .order_by("created_at")
            .values("name", "language", "parameters", "alerts_enabled", "created_at")
        ),
        "contact_messages": list(
            _emails_to(identifiers)
            .order_by("created_at")
            .values("subject", "recipients", "status", "created_at", "sent_at")
        ),
        "certification_roles": {
            "groups": sorted(
                Group.objects.filter(
                    user=user, role__role__in=[SECRETARIAT, COMMITTEE]
                ).values_list("name", flat=True)
            ),
            "technical_reviewer": list(
                TechnicalReviewer.objects.filter(user=user).values("languages", "active")
            ),
        },
        "partner_account": list(
            PartnerAccount.objects.filter(user=user).values("partner_key", "active", "created_at")
        ),
        "second_factor_devices": [
            {"kind": device._meta.verbose_name, "name": device.name, "confirmed": device.confirmed}
            for device in _otp_devices(user)
        ],
        "log_entries": [],
    }
    for model, entries in log_entries_naming(user, identifiers):
        data["log_entries"] += [
            {
                "kind": model._meta.label,
                "action": entry.action,
                "timestamp": entry.timestamp,
                "object": entry.label,
                "by_you": entry.user_id == user.pk,
                "data": entry.data,
            }
            for entry in entries.order_by("timestamp")
        ]
    return data


def export_json(user):
    return json.dumps(export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _otp_devices(user):
    from django_otp import devices_for_user

    return list(devices_for_user(user, confirmed=None))


def _scrub(value, identifiers):
    """The value with every identifier replaced by FORMER_MEMBER, in nested data too."""
    if isinstance(value, str):
        pattern = "|".join(re.escape(i) for i in sorted(identifiers, key=len, reverse=True))
        return re.sub(pattern, FORMER_MEMBER, value, flags=re.IGNORECASE) if pattern else value
    if isinstance(value, list):
        return [_scrub(item, identifiers) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, identifiers) for key, item in value.items()}
    return value


def erase(user):
    """Delete the account and what names the person; sends one confirmation e-mail."""
    identifiers = _identifiers(user)
    address = user.email
    profile = UserProfile.objects.filter(user=user).first()
    registration = Registration.objects.filter(user=user).first()
    language = (profile and profile.preferred_language) or (
        registration.language if registration else translation.get_language()
    )
    with transaction.atomic():
        for _model, entries in log_entries_naming(user, identifiers):
            for entry in list(entries):
                entry.user_id = None if entry.user_id == user.pk else entry.user_id
                entry.label = _scrub(entry.label, identifiers)
                entry.data = _scrub(entry.data, identifiers)
                entry.save(update_fields=["user", "label", "data"])
        # Comments stay, by a "former member" (the author's link is set to null).
        _emails_to(identifiers).delete()
        _forget_sign_in_records(identifiers)
        user.delete()
        if address:
            with translation.override(language or "en"):
                body = render_to_string("cms/emails/account_deleted.txt", {})
                send_mail(_("Your account was deleted"), body, None, [address])


def _forget_sign_in_records(identifiers):
    if not apps.is_installed("axes"):
        return
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__in=identifiers).delete()
