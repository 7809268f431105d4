"""Factories shared by the test suite."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.text import slugify

import factory

from pages.models import StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    """Create a page under `parent`, published unless `live=False`.

    StandardPageFactory(parent=homes["fr"], title="Mentions légales")
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, **kwargs):
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = factory.Faker("sentence")


def _rows(model, key, values, locale):
    rows = {getattr(row, key): row for row in model.objects.filter(locale=locale)}
    return [rows[value] for value in values]


class CityIndexPageFactory(PageFactory):
    class Meta:
        model = "knowledge.CityIndexPage"

    title = "Cities"
    slug = "cities"


class CityPageFactory(PageFactory):
    class Meta:
        model = "knowledge.CityPage"

    country = "KR"
    region = "asia-pacific"
    intro = factory.Faker("sentence")


class InitiativeIndexPageFactory(PageFactory):
    class Meta:
        model = "knowledge.InitiativeIndexPage"

    title = "Initiatives"
    slug = "initiatives"


class InitiativePageFactory(PageFactory):
    """An initiative under `parent` (a city), related to goals, targets and themes by key.

    InitiativePageFactory(parent=seoul, sdgs=[11, 13], themes=["transport"], targets=["11.2"])
    """

    class Meta:
        model = "knowledge.InitiativePage"

    summary = factory.Faker("paragraph")
    start_year = 2020
    status = "ongoing"

    @classmethod
    def _create(
        cls, model_class, *args, parent, live=True, sdgs=(11,), themes=(), targets=(), **kwargs
    ):
        from knowledge.models import SDGTarget, SustainableDevelopmentGoal, Theme

        locale = parent.locale
        page = model_class(*args, live=False, **kwargs)
        page.sdgs = _rows(SustainableDevelopmentGoal, "number", sdgs, locale)
        page.themes = _rows(Theme, "code", themes, locale)
        page.targets = _rows(SDGTarget, "code", targets, locale)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


def make_user(username, *groups):
    """A user with password "pw" in `groups`: role keys (knowledge.roles, such as
    certification.setup.SECRETARIAT) or group names ("Translators: French"), made by cms.roles at
    migrate. An unknown one is an error, not a user without the group."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    for group in groups:
        found = Group.objects.filter(role__role=group, role__locale=None).first()
        user.groups.add(found or Group.objects.get(name=group))
    return user


def client_for(user):
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
