"""What the network does when knowledge's interaction services act (knowledge.community.signals):
a member's contact or replication opens an exchange; a published comment is announced to the
city that shared the initiative; an approved comment to its author."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from knowledge.community import signals
from knowledge.members import membership as members
from knowledge.models import InitiativeComment, InitiativePage

from . import notifications, services
from .models import Exchange

PUBLISHED = InitiativeComment.Status.PUBLISHED


def _membership(user):
    if user is None:
        return None
    return members.membership_of(user)


@receiver(signals.contact_relayed)
def open_contact_exchange(sender, city, page, data, language, user, **kwargs):
    """A member writing to another city opens an exchange between the two cities."""
    membership = _membership(user)
    if membership is None or membership.city_key == city.translation_key:
        return
    specific = page.specific
    initiative_key = specific.translation_key if isinstance(specific, InitiativePage) else None
    body = "\n\n".join(part for part in (data.get("subject", ""), data.get("message", "")) if part)
    services.open_exchange(
        membership.city_key,
        city.translation_key,
        user,
        Exchange.Kind.CONTACT,
        initiative_key=initiative_key,
        body=body,
        language=language,
    )


@receiver(signals.replication_recorded)
def open_replication_exchange(sender, interest, page, membership, **kwargs):
    city = page.specific.city
    if city is None or city.translation_key == membership.city_key:
        return
    services.open_exchange(
        membership.city_key,
        city.translation_key,
        membership.user,
        Exchange.Kind.REPLICATION,
        initiative_key=page.translation_key,
        body=interest.note,
        language=page.locale.language_code,
    )


def _comment_context(comment):
    def context_for(language, locale):
        page = comment.page.specific
        localized = page.get_translation_or_none(locale) or page
        return {
            "comment": comment,
            "initiative": localized,
            "url": notifications.absolute(localized.url or ""),
            "subject_values": {"initiative": localized.title},
        }

    return context_for


def announce_comment(comment):
    """Tell the members of the initiative's city (not the author) about a published comment."""
    page = comment.page.specific
    city = getattr(page, "city", None)
    if city is None:
        return 0
    return notifications.notify(
        notifications.city_members(city.translation_key, exclude=comment.author),
        "comments",
        _("New comment on “%(initiative)s”"),
        "comment",
        _comment_context(comment),
    )


@receiver(signals.comment_posted)
def comment_posted(sender, comment, **kwargs):
    if comment.status == PUBLISHED:
        announce_comment(comment)


@receiver(signals.comment_moderated)
def comment_moderated(sender, comment, moderator, previous_status, **kwargs):
    """Published for the first time: the city hears of it, and the author that it is online."""
    if comment.status != PUBLISHED or previous_status != InitiativeComment.Status.PENDING:
        return
    announce_comment(comment)
    if comment.author is not None and comment.author.email and comment.author.is_active:
        notifications.notify(
            [comment.author],
            "comment_approved",
            _("Your comment on “%(initiative)s” is published"),
            "comment_approved",
            _comment_context(comment),
        )
