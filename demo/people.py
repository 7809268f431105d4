"""The people of the demo: a member for two cities (approved as a moderator would), one request
to join still waiting, comments (published and one waiting) and a replication entry.

The members sign in with the password in MEMBER_PASSWORD (documented in the README). Everything
is looked up before it is created, so loading twice changes nothing.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from knowledge.members import membership as members
from knowledge.models import (
    CityMembership,
    CityPage,
    InitiativeComment,
    InitiativePage,
    Registration,
    ReplicationInterest,
)

MEMBER_PASSWORD = "demo-member-2030"

MEMBERS = [
    {
        "username": "capetown.member",
        "email": "capetown.member@example.org",
        "first_name": "Thandi",
        "last_name": "Mokoena",
        "city": "cape-town",
        "position": "Green economy officer",
        "organisation": "City of Cape Town",
        "language": "en",
    },
    {
        "username": "daressalaam.member",
        "email": "daressalaam.member@example.org",
        "first_name": "Neema",
        "last_name": "Mushi",
        "city": "dar-es-salaam",
        "position": "Road safety coordinator",
        "organisation": "Dar es Salaam City Council",
        "language": "fr",
    },
]

WAITING = {
    "username": "almaty.applicant",
    "email": "almaty.applicant@example.org",
    "name": "Aigerim Nurlanovna",
    "city": "almaty",
    "position": "Urban planner",
    "organisation": "Akimat of Almaty",
}

COMMENTS = [
    # (author, initiative slug, language, text, published)
    (
        "capetown.member",
        "school-area-road-safety",
        "en",
        "Cape Town is mapping the routes to its schools too. Which changes to the streets "
        "made the biggest difference for children walking to school?",
        True,
    ),
    (
        "daressalaam.member",
        "western-cape-industrial-symbiosis-programme",
        "en",
        "Dar es Salaam's industrial areas could learn from this. How were the first companies "
        "persuaded to share what they throw away?",
        True,
    ),
    (
        "daressalaam.member",
        "regional-mangrove-restoration",
        "en",
        "Our coastline faces the same erosion. Could we exchange on how the communities who "
        "plant the mangroves are paid for their work?",
        False,
    ),
]


def _member(spec):
    """The approved member of `spec`, created through the registration path when missing."""
    User = get_user_model()
    user = User.objects.filter(username=spec["username"]).first()
    if user is not None:
        return user, False
    city = CityPage.objects.get(slug=spec["city"], locale__language_code="en")
    user = User(
        username=spec["username"],
        email=spec["email"],
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        is_active=False,
    )
    user.set_password(MEMBER_PASSWORD)
    user.save()
    registration = Registration.objects.create(
        user=user,
        name=f"{spec['first_name']} {spec['last_name']}",
        email=spec["email"],
        city=city,
        position=spec["position"],
        organisation=spec["organisation"],
        motivation="To share the city's initiatives and learn from other cities.",
        language=spec["language"],
        status=Registration.Status.PENDING,
        verified_at=timezone.now(),
        consented_at=timezone.now(),
    )
    members.approve(registration, None, city)
    return user, True


def _waiting_registration():
    User = get_user_model()
    if User.objects.filter(username=WAITING["username"]).exists():
        return False
    user = User(username=WAITING["username"], email=WAITING["email"], is_active=False)
    user.set_password(MEMBER_PASSWORD)
    user.save()
    Registration.objects.create(
        user=user,
        name=WAITING["name"],
        email=WAITING["email"],
        city=CityPage.objects.get(slug=WAITING["city"], locale__language_code="en"),
        position=WAITING["position"],
        organisation=WAITING["organisation"],
        motivation="Almaty wants to share its participatory planning and certify its work.",
        language="ru",
        status=Registration.Status.PENDING,
        verified_at=timezone.now(),
        consented_at=timezone.now(),
    )
    return True


def load(log):
    """Returns how many things were created."""
    created = 0
    users = {}
    for spec in MEMBERS:
        users[spec["username"]], new = _member(spec)
        if new:
            log(f"Member {spec['username']} ({spec['city']}): approved")
        created += new
    if _waiting_registration():
        log(f"Registration of {WAITING['username']}: waiting")
        created += 1

    initiatives = {
        page.slug: page for page in InitiativePage.objects.filter(locale__language_code="en")
    }
    for author, slug, language, text, published in COMMENTS:
        page = initiatives[slug]
        status = (
            InitiativeComment.Status.PUBLISHED if published else InitiativeComment.Status.PENDING
        )
        comment, new = InitiativeComment.objects.get_or_create(
            page=page,
            author=users[author],
            body=text,
            defaults={
                "language": language,
                "status": status,
                "moderated_at": timezone.now() if published else None,
            },
        )
        if new:
            log(f"Comment on “{page.title}”: {comment.get_status_display()}")
        created += new

    rosario = initiatives["sustainable-food-production"]
    cape_town_key = CityMembership.objects.get(user=users["capetown.member"]).city_key
    _entry, new = ReplicationInterest.objects.get_or_create(
        initiative_key=rosario.translation_key,
        city_key=cape_town_key,
        defaults={
            "page": rosario,
            "user": users["capetown.member"],
            "kind": ReplicationInterest.Kind.INTERESTED,
            "note": "Cape Town is studying temporary land tenure for urban growers, on "
            "Rosario's model, for the farmland of the Philippi Horticultural Area.",
        },
    )
    if new:
        log("Replication: Cape Town is interested in Rosario's food production")
    created += new
    return created
