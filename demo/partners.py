"""A partner in the exchanges: the `demo-partner` account acts for ESCAP (password in
PARTNER_PASSWORD, documented in the README), Cape Town lets ESCAP follow its exchanges, and Dar
es Salaam has opened an exchange with ESCAP, accepted, with messages.

Written directly (not through exchanges.services), so that loading sends no e-mail; looked up
before it is created, so loading twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.users.models import UserProfile

from exchanges.models import Exchange, Message, PartnerAccount, PartnerCity, Transition
from knowledge.models import CityMembership
from pages.models import PartnerPage

PARTNER_USERNAME = "demo-partner"
PARTNER_PASSWORD = "sdg-cities-demo-2026"
PARTNER_SLUG = "escap"

MESSAGES = [
    (
        "city",
        "en",
        "Dear ESCAP colleagues, Dar es Salaam would like advice on measuring the results of its "
        "school-area road safety programme for our voluntary local review.",
    ),
    (
        "partner",
        "en",
        "Thank you, Neema. We can share the indicator guide used by other cities in the region "
        "and review your first draft with you.",
    ),
]


def _account(partner):
    User = get_user_model()
    user = User.objects.filter(username=PARTNER_USERNAME).first()
    created = user is None
    if created:
        user = User(
            username=PARTNER_USERNAME,
            email="demo-partner@example.org",
            first_name="Mei",
            last_name="Tanaka",
        )
        user.set_password(PARTNER_PASSWORD)
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    _account, new = PartnerAccount.objects.get_or_create(
        user=user, defaults={"partner_key": partner.translation_key}
    )
    return user, created or new


def load(log):
    """Returns how many things were created."""
    created = 0
    partner = PartnerPage.objects.get(slug=PARTNER_SLUG, locale__language_code="en")
    partner_user, new = _account(partner)
    if new:
        log(f"Partner account {PARTNER_USERNAME}: {partner.title}")
    created += new

    User = get_user_model()
    cape_town_member = User.objects.get(username="capetown.member")
    cape_town_key = CityMembership.objects.get(user=cape_town_member).city_key
    _link, new = PartnerCity.objects.get_or_create(
        partner_key=partner.translation_key,
        city_key=cape_town_key,
        defaults={
            "consented": True,
            "asked_by": partner_user,
            "decided_by": cape_town_member,
            "decided_at": timezone.now(),
        },
    )
    if new:
        log(f"Cape Town lets {partner.title} follow its exchanges")
    created += new

    dar_member = User.objects.get(username="daressalaam.member")
    dar_key = CityMembership.objects.get(user=dar_member).city_key
    if Exchange.objects.filter(
        requesting_city_key=dar_key, partner_key=partner.translation_key
    ).exists():
        return created
    exchange = Exchange.objects.create(
        requesting_city_key=dar_key,
        partner_key=partner.translation_key,
        opened_by=dar_member,
        kind=Exchange.Kind.CONTACT,
    )
    sides = {"city": (dar_member, dar_key), "partner": (partner_user, partner.translation_key)}
    for side, language, body in MESSAGES:
        author, key = sides[side]
        Message.objects.create(
            exchange=exchange, author=author, city_key=key, body=body, language=language
        )
    Transition.objects.create(
        exchange=exchange,
        from_state=Exchange.State.REQUESTED,
        to_state=Exchange.State.ACCEPTED,
        user=partner_user,
        city_key=partner.translation_key,
    )
    exchange.state = Exchange.State.ACCEPTED
    exchange.save()
    log(f"Exchange between Dar es Salaam and {partner.title}: accepted")
    return created + 1
