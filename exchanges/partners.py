"""Partners as the exchanges know them: their pages (provided by the app that defines them
through the `exchanges_partner_pages` hook), their accounts, and what each account may see.

A partner account sees the exchanges addressed to its partner, and read-only the exchanges of
the cities that consent to it (PartnerCity.consented): withdrawing consent hides them at once,
since every view asks again.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail import hooks
from wagtail.models import Page

from .models import Exchange, PartnerAccount, PartnerCity, localized

MAX_PAGE_ID = 2**31 - 1  # Page.id is an AutoField


def partner_pages():
    """The live, public partner pages in every language (an empty queryset if no app provides
    them)."""
    for hook in hooks.get_hooks("exchanges_partner_pages"):
        return hook()
    return Page.objects.none()


def partner_page(page_id):
    """The partner page with this id, or None."""
    # A subclass's key is a one-to-one link, which does not guard its lookups against ids
    # too large for the database as plain integer fields do.
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    return partner_pages().filter(pk=page_id).first()


def partners_by_key(keys, locale):
    """{partner_key: partner page} in `locale` where it exists, else in its first language."""
    keys = {key for key in keys if key}
    if not keys:
        return {}
    return localized(partner_pages().filter(translation_key__in=keys), locale)


def account_of(user):
    """The user's active partner account, else None; remembered for the request."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_partner_account"):
        user._partner_account = PartnerAccount.objects.filter(user=user, active=True).first()
    return user._partner_account


def partner_users(partner_key, exclude=None):
    """The people who act for the partner, with an e-mail address."""
    users = get_user_model().objects.filter(
        pk__in=PartnerAccount.objects.filter(partner_key=partner_key, active=True).values(
            "user_id"
        ),
        is_active=True,
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exclude(email="").order_by("pk")


def followed_city_keys(partner_key):
    """The cities that consent to the partner following their exchanges (a subquery)."""
    return PartnerCity.objects.filter(partner_key=partner_key, consented=True).values("city_key")


def addressed_to(partner_key):
    return Exchange.objects.filter(partner_key=partner_key)


def followed(partner_key):
    """The exchanges of the consenting cities, but those addressed to the partner itself."""
    cities = followed_city_keys(partner_key)
    return (
        Exchange.objects.filter(
            Q(requesting_city_key__in=cities) | Q(receiving_city_key__in=cities)
        )
        .exclude(partner_key=partner_key)
        .distinct()
    )
