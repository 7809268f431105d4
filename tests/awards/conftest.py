"""A light site for the awards: two cities with initiatives, their members, a jury and the
secretariat, and the SDG City Award with a cycle open for nominations."""

import datetime

from django.utils import timezone

import pytest

from awards.models import AwardCycle, AwardProgramme
from awards.setup import JURY, SECRETARIAT
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativePageFactory,
    client_for,
    make_user,
)
from tests.knowledge.members import make_member


@pytest.fixture
def site(homes):
    index = CityIndexPageFactory(parent=homes["en"])
    rosario = CityPageFactory(
        parent=index, title="Rosario", country="AR", region="latin-america-caribbean"
    )
    milan = CityPageFactory(parent=index, title="Milan", country="IT", region="europe")
    return {
        "rosario": rosario,
        "milan": milan,
        "food": InitiativePageFactory(parent=rosario, title="Urban food gardens"),
        "draft": InitiativePageFactory(parent=rosario, title="Draft plan", live=False),
        "milan_food": InitiativePageFactory(parent=milan, title="Milan Food Policy"),
    }


@pytest.fixture
def rosario_member(site):
    return make_member(site["rosario"], "focal@rosario.example.org", name="Rosario focal point")


@pytest.fixture
def milan_member(site):
    return make_member(site["milan"], "focal@milan.example.org", name="Milan focal point")


@pytest.fixture
def programme(db):
    return AwardProgramme.objects.create(
        code="sdg-city-award", name="SDG City Award", description="For shared initiatives."
    )


@pytest.fixture
def cycle(programme):
    today = timezone.localdate()
    return AwardCycle.objects.create(
        programme=programme,
        year=2026,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        decision_on=today + datetime.timedelta(days=40),
    )


@pytest.fixture
def jurors(cycle):
    people = [make_user("juror-1", JURY), make_user("juror-2", JURY)]
    cycle.jury.set(people)
    return people


@pytest.fixture
def secretariat(db):
    return client_for(make_user("secretary", SECRETARIAT))
