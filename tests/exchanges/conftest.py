"""A light network: Milan (with an initiative), Da Nang and Quito, each with members."""

from django.core import mail

from wagtail.users.models import UserProfile

import pytest

from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory
from tests.knowledge.members import make_member, member_client


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def network(homes):
    cities = CityIndexPageFactory(parent=homes["en"])
    milan = CityPageFactory(parent=cities, title="Milan", country="IT", region="europe")
    danang = CityPageFactory(parent=cities, title="Da Nang", country="VN", region="asia-pacific")
    quito = CityPageFactory(
        parent=cities, title="Quito", country="EC", region="latin-america-caribbean"
    )
    initiative = InitiativePageFactory(parent=milan, title="Food policy")
    milan_member = make_member(milan, "milan@example.org", name="Marta Rossi")
    milan_colleague = make_member(milan, "milan2@example.org", name="Luca Bianchi")
    danang_member = make_member(danang, "danang@example.org", name="Nguyen Lan")
    set_language(danang_member, "fr")
    quito_member = make_member(quito, "quito@example.org", name="Ana Torres")
    mail.outbox.clear()
    return {
        "milan": milan,
        "danang": danang,
        "quito": quito,
        "initiative": initiative,
        "milan_member": milan_member,
        "milan_colleague": milan_colleague,
        "danang_member": danang_member,
        "quito_member": quito_member,
        "client": member_client,
    }
