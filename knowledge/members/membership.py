"""City members: contributor groups, registration decisions, e-mail verification, handover."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
)
from wagtail.users.models import UserProfile

from ..conf import app_settings
from ..models import CityGroup, CityMembership, CityPage, Registration
from ..roles import MODERATORS, permission, role_groups

# What a city's contributors may do: add and edit (never publish) their city's pages, through
# the admin too; the model permissions are those knowledge.permissions requires.
CONTRIBUTOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "knowledge.add_initiativepage",
    "knowledge.change_initiativepage",
    "knowledge.change_citypage",
]
CONTRIBUTOR_PAGE_PERMISSIONS = ["add", "change"]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
VERIFY_SALT = "knowledge.registration.verify"
VERIFY_MAX_AGE = 3 * 24 * 3600


def _unique_group_name(title, country):
    name = f"City contributors: {title}"
    if Group.objects.filter(name=name).exists():
        name = f"{name} ({country})"
    return name[:150]


@transaction.atomic
def ensure_city_group(city):
    """The contributor group of `city` (in any language), created with its permissions and its
    private upload collection when missing; page permissions cover every translation."""
    city_group = CityGroup.objects.filter(city_key=city.translation_key).select_related("group")
    city_group = city_group.first()
    if city_group is None:
        group = Group.objects.create(name=_unique_group_name(city.title, city.country.code))
        group.permissions.add(*[permission(name) for name in CONTRIBUTOR_PERMISSIONS])
        city_group = CityGroup.objects.create(city_key=city.translation_key, group=group)
    group = city_group.group

    page_permissions = [
        permission(f"wagtailcore.{kind}_page") for kind in CONTRIBUTOR_PAGE_PERMISSIONS
    ]
    for page in CityPage.objects.filter(translation_key=city.translation_key):
        for page_permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=page_permission
            )

    if city_group.collection is None:
        root = Collection.get_first_root_node()
        collection = root.add_child(name=f"Submissions: {city.title}"[:255])
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group, *role_groups(MODERATORS))
        for name in CONTRIBUTOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission(name)
            )
        city_group.collection = collection
        city_group.save(update_fields=["collection"])
    return city_group


def membership_of(user):
    """The user's city membership while it gives rights, else None.

    One source decides, for My City, certification and the admin alike: Wagtail's page
    permissions on the city's page (held through the city's contributor group), plus an active
    membership record. Removing the member from the group, or deactivating the membership (which
    also takes them out of the group, see deactivate), removes every right at once.
    Remembered on the user object for the request.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_city_membership"):
        user._city_membership = _rightful_membership(user)
    return user._city_membership


def _rightful_membership(user):
    membership = CityMembership.objects.filter(user=user, active=True).first()
    if membership is None:
        return None
    city = CityPage.objects.filter(translation_key=membership.city_key).order_by("pk").first()
    if city is None or not city.permissions_for_user(user).can_edit():
        return None
    return membership


@transaction.atomic
def deactivate(membership, by=None):
    """End a member's rights on their city: the membership is kept (for the record) but inactive,
    and the user leaves the city's contributor group, so the admin refuses them too."""
    membership.active = False
    membership.save(update_fields=["active"])
    city_group = CityGroup.objects.filter(city_key=membership.city_key).first()
    if city_group is not None:
        membership.user.groups.remove(city_group.group_id)
    city = membership.city()
    if city is not None:
        log(
            instance=city,
            action="knowledge.membership_deactivated",
            user=by,
            data={"member": membership.user.email},
        )


# E-mail verification


def verification_token(registration):
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=VERIFY_SALT)


def registration_from_token(token):
    """The registration the token was made for, or None if it is wrong, old or already used."""
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=data.get("r"), email=data.get("e")).first()


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(to, subject, template, context, language):
    with translation.override(language):
        body = render_to_string(template, context)
        send_mail(str(subject), body, None, to)


def send_verification(registration):
    with translation.override(registration.language):
        url = _absolute(reverse("my_city:verify", args=[verification_token(registration)]))
    _send(
        [registration.email],
        _("Confirm your e-mail address"),
        "knowledge/emails/verify.txt",
        {"registration": registration, "url": url},
        registration.language,
    )


@transaction.atomic
def verify(registration):
    """The registrant proved the address: the request now waits for a moderator."""
    if registration.status != Registration.Status.UNVERIFIED:
        return False
    registration.status = Registration.Status.PENDING
    registration.verified_at = timezone.now()
    registration.save(update_fields=["status", "verified_at"])
    moderators = (
        get_user_model()
        .objects.filter(groups__role__role=MODERATORS, is_active=True)
        .exclude(email="")
    )
    recipients = sorted({user.email for user in moderators})
    if recipients:
        url = _absolute(reverse("knowledge_registrations:inspect", args=[registration.pk]))
        _send(
            recipients,
            _("A city member asks to join the platform"),
            "knowledge/emails/registration_waiting.txt",
            {"registration": registration, "url": url},
            settings.LANGUAGE_CODE,
        )
    return True


# Decisions


@transaction.atomic
def approve(registration, moderator, city):
    """Activate the account, make it a member of `city` and tell the registrant."""
    user = registration.user
    city_group = ensure_city_group(city)
    user.is_active = True
    user.save(update_fields=["is_active"])
    user.groups.add(city_group.group)
    is_first = not CityMembership.objects.filter(city_key=city.translation_key).exists()
    CityMembership.objects.update_or_create(
        user=user, defaults={"city_key": city.translation_key, "is_focal_point": is_first}
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = registration.language
    # Members hear about moderation from the platform's own e-mails, which carry the comment.
    profile.approved_notifications = False
    profile.rejected_notifications = False
    profile.save()

    registration.city = city
    registration.status = Registration.Status.APPROVED
    registration.decided_by = moderator
    registration.decided_at = timezone.now()
    registration.save()
    # In the city's history (who joined it) and in the registration's (the queue's history).
    for instance in (city, registration):
        log(
            instance=instance,
            action="knowledge.registration_approved",
            user=moderator,
            data={"registration": registration.pk, "member": user.email},
        )
    with translation.override(registration.language):
        url = _absolute(reverse("my_city:dashboard"))
    _send(
        [registration.email],
        _("Welcome to the Urban SDG Knowledge Platform"),
        "knowledge/emails/registration_approved.txt",
        {"registration": registration, "url": url, "city": city},
        registration.language,
    )


@transaction.atomic
def decline(registration, moderator, reason):
    registration.status = Registration.Status.DECLINED
    registration.decline_reason = reason
    registration.decided_by = moderator
    registration.decided_at = timezone.now()
    registration.save()
    log(
        instance=registration,
        action="knowledge.registration_declined",
        user=moderator,
        data={"registration": registration.pk, "member": registration.email},
    )
    _send(
        [registration.email],
        _("Your request to join the Urban SDG Knowledge Platform"),
        "knowledge/emails/registration_declined.txt",
        {"registration": registration, "reason": reason},
        registration.language,
    )


def create_requested_city(registration, index, region):
    """A new city page for a registration that names a city not yet on the platform."""
    city = CityPage(
        title=registration.requested_city,
        country=registration.requested_country,
        region=region,
    )
    index.add_child(instance=city)
    city.save_revision().publish()
    city.refresh_from_db()
    return city


@transaction.atomic
def hand_over_focal_point(membership, new_focal_point):
    """Give the city's focal-point role to another member of the same city."""
    if new_focal_point.city_key != membership.city_key or new_focal_point == membership:
        raise ValueError("Not another member of the same city")
    # Saved one after the other (one focal point per city), each telling the caches.
    membership.is_focal_point = False
    membership.save(update_fields=["is_focal_point"])
    new_focal_point.is_focal_point = True
    new_focal_point.save(update_fields=["is_focal_point"])


def delete_unverified_registrations(now=None):
    """Delete registrations whose e-mail address was not confirmed within
    REGISTRATION_RETENTION_DAYS, and their accounts (never active); returns how many."""
    cutoff = (now or timezone.now()) - timezone.timedelta(
        days=app_settings.REGISTRATION_RETENTION_DAYS
    )
    stale = Registration.objects.filter(
        status=Registration.Status.UNVERIFIED,
        created_at__lt=cutoff,
        user__is_active=False,
        user__last_login__isnull=True,
    )
    user_ids = list(stale.values_list("user_id", flat=True))
    get_user_model().objects.filter(pk__in=user_ids).delete()
    return len(user_ids)
