"""Comments, reports, the replication network and the relay of messages to cities."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from ..base import cache_tags
from ..conf import app_settings
from ..models import (
    CityPage,
    CommentReport,
    FocalPoint,
    InitiativeComment,
    ReplicationInterest,
    TrustedCommenter,
)
from . import signals

MODERATE_PERMISSION = "knowledge.change_initiativecomment"
DELETE_PERMISSION = "knowledge.delete_initiativecomment"
Status = InitiativeComment.Status
# The audit actions a moderator's decision is logged as (registered in knowledge.wagtail_hooks).
MODERATION_ACTIONS = {
    Status.PUBLISHED: "knowledge.comment_published",
    Status.HIDDEN: "knowledge.comment_hidden",
}


# Who may do what


def can_comment(user):
    return user.is_authenticated and user.is_active


def is_trusted(user):
    """Trusted members and moderators are published at once."""
    return user.has_perm(MODERATE_PERMISSION) or TrustedCommenter.objects.filter(user=user).exists()


def display_name(user):
    if user is None:
        # The author deleted their account (knowledge.personal_data).
        return _("former member")
    registration = getattr(user, "registration", None)
    name = user.get_full_name() or (registration.name if registration else "")
    return name or user.get_username()


# Comments


def post_comment(page, user, body, language):
    status = Status.PUBLISHED if is_trusted(user) else Status.PENDING
    comment = InitiativeComment.objects.create(
        page=page, author=user, body=body, language=language, status=status
    )
    signals.comment_posted.send(sender=InitiativeComment, comment=comment)
    return comment


def visible_comments(page, user):
    """Published comments on the initiative in every language, plus the viewer's own comments
    that wait for a moderator; authors, their cities and languages loaded in bulk."""
    visible = Q(status=Status.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(author=user, status__in=[Status.PENDING, Status.REPORTED])
    comments = list(
        InitiativeComment.objects.for_initiative(page)
        .filter(visible)
        .select_related("author", "author__registration", "author__city_membership")
    )
    city_keys = set()
    for comment in comments:
        membership = getattr(comment.author, "city_membership", None)
        if membership is not None:
            city_keys.add(membership.city_key)
    cities = city_titles(city_keys, page.locale_id)
    languages = dict(settings.LANGUAGES)
    for comment in comments:
        membership = getattr(comment.author, "city_membership", None)
        comment.author_name = display_name(comment.author)
        comment.author_city = cities.get(membership.city_key) if membership else None
        comment.language_name = languages.get(comment.language, comment.language)
        comment.is_own = user.is_authenticated and comment.author_id == user.pk
    return comments


def city_titles(city_keys, locale_id):
    """{city_key: live city page}, in the given locale where it exists."""
    titles = {}
    if not city_keys:
        return titles
    pages = CityPage.objects.live().filter(translation_key__in=city_keys).order_by("pk")
    for city in pages.select_related("locale"):
        if city.translation_key not in titles or city.locale_id == locale_id:
            titles[city.translation_key] = city
    return titles


@transaction.atomic
def report_comment(comment, user, reason, details=""):
    """Record the member's report; hide the comment once enough members have reported it since
    a moderator last looked. Returns True if the comment was hidden by this report."""
    CommentReport.objects.update_or_create(
        comment=comment, reporter=user, defaults={"reason": reason, "details": details}
    )
    pending_reports = comment.reports.filter(reviewed=False).count()
    if (
        comment.status == Status.PUBLISHED
        and pending_reports >= app_settings.COMMENT_REPORT_THRESHOLD
    ):
        # Saved, not updated in bulk: the pages that show it hear of it (their cached copies go).
        comment.status = Status.REPORTED
        comment.save(update_fields=["status"])
        return True
    return False


@transaction.atomic
def moderate(comment, moderator, status):
    """A moderator's decision: publish or hide. Reports read so far stop counting."""
    previous_status = comment.status
    comment.status = status
    comment.moderated_by = moderator
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    comment.reports.update(reviewed=True)
    log(instance=comment, action=MODERATION_ACTIONS[status], user=moderator)
    signals.comment_moderated.send(
        sender=InitiativeComment,
        comment=comment,
        moderator=moderator,
        previous_status=previous_status,
    )


def set_trusted(user, moderator, trusted):
    if trusted:
        TrustedCommenter.objects.get_or_create(user=user, defaults={"trusted_by": moderator})
    else:
        TrustedCommenter.objects.filter(user=user).delete()


def log_trust(comment, moderator, trusted):
    """Record in the comment's history that its author was trusted (or no longer) from it."""
    action = "knowledge.commenter_trusted" if trusted else "knowledge.commenter_distrusted"
    log(instance=comment, action=action, user=moderator, data={"author": comment.author_id})


def queue_counts():
    rows = InitiativeComment.objects.order_by().values("status").annotate(count=Count("pk"))
    counts = {row["status"]: row["count"] for row in rows}
    return {value: counts.get(value, 0) for value in Status.values}


# The city's contacts


def reachable(city):
    """Whether the city has an address to write to (focal_point_emails), for the contact form
    shown on its pages: kept as a fragment until the city's page or its memberships change (an
    account deactivated elsewhere shows within FRAGMENT_CACHE_SECONDS). Sending reads the
    addresses afresh."""
    return cache_tags.fragment(
        f"city-reachable|{city.translation_key}",
        {f"page-{city.pk}", f"city-{city.translation_key}"},
        lambda: bool(focal_point_emails(city.translation_key)),
    )


def focal_point_emails(city_key):
    """The addresses of the city's focal points: those on its profile (in any language) and the
    member who holds the focal-point role."""
    addresses = set(
        FocalPoint.objects.filter(page__translation_key=city_key)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    addresses.update(
        get_user_model()
        .objects.filter(
            city_membership__city_key=city_key,
            city_membership__is_focal_point=True,
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(addresses, key=str.lower)


def city_language(city_key):
    """The language the city first wrote its profile in: its mail is written in it."""
    original = CityPage.objects.filter(translation_key=city_key).order_by("pk").first()
    return original.locale.language_code if original else settings.LANGUAGE_CODE


def _render(template, context, language):
    with translation.override(language):
        return render_to_string(template, context)


def relay_message(city, page, data, page_url, language, copy_to=None, user=None):
    """Send a visitor's message to the city's focal points (who can reply to the sender), and a
    copy to `copy_to` if given; `user` is the signed-in sender, if any. Returns False when the
    city has no address to write to."""
    recipients = focal_point_emails(city.translation_key)
    if not recipients:
        return False
    context = {"city": city, "page": page, "data": data, "url": page_url}
    city_lang = city_language(city.translation_key)
    with translation.override(city_lang):
        subject = _("Message through the Urban SDG Knowledge Platform: %(subject)s") % {
            "subject": data["subject"]
        }
    EmailMessage(
        str(subject),
        _render("knowledge/emails/contact_relay.txt", context, city_lang),
        None,
        recipients,
        reply_to=[data["email"]],
    ).send()
    if copy_to:
        with translation.override(language):
            copy_subject = _("Your message to %(city)s") % {"city": city.title}
        EmailMessage(
            str(copy_subject),
            _render("knowledge/emails/contact_copy.txt", context, language),
            None,
            [copy_to],
        ).send()
    signals.contact_relayed.send(
        sender=CityPage, city=city, page=page, data=data, language=language, user=user
    )
    return True


# The replication network


def record_replication(page, membership, kind, note, page_url):
    """Record (or update) what the member's city did with the initiative and tell the focal
    points of the city that shared it. Returns the entry."""
    interest, _created = ReplicationInterest.objects.update_or_create(
        initiative_key=page.translation_key,
        city_key=membership.city_key,
        defaults={"page": page, "user": membership.user, "kind": kind, "note": note},
    )
    source_city = page.specific.city
    if source_city is not None:
        recipients = focal_point_emails(source_city.translation_key)
        if recipients:
            member_city = membership.city()
            language = city_language(source_city.translation_key)
            context = {
                "interest": interest,
                "page": page,
                "member_city": member_city,
                "member": display_name(membership.user),
                "url": page_url,
            }
            with translation.override(language):
                subject = _("%(city)s and your initiative “%(initiative)s”") % {
                    "city": member_city.title if member_city else "",
                    "initiative": page.title,
                }
            EmailMessage(
                str(subject),
                _render("knowledge/emails/replication_notice.txt", context, language),
                None,
                recipients,
                reply_to=[membership.user.email] if membership.user.email else None,
            ).send()
    signals.replication_recorded.send(
        sender=ReplicationInterest, interest=interest, page=page, membership=membership
    )
    return interest


def replication_of(page):
    """({"replicated": n, "interested": m}, [(kind, city page)]) of the initiative: how many
    cities recorded each kind of interest, and those cities, in the page's language."""
    interests = list(
        ReplicationInterest.objects.filter(initiative_key=page.translation_key).order_by(
            "-kind", "created_at"
        )
    )
    counts = {kind: 0 for kind in ReplicationInterest.Kind.values}
    for interest in interests:
        counts[interest.kind] += 1
    cities = city_titles({interest.city_key for interest in interests}, page.locale_id)
    return counts, [
        (interest.kind, cities[interest.city_key])
        for interest in interests
        if interest.city_key in cities
    ]
