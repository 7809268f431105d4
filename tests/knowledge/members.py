"""City members and moderators as the platform makes them, for tests."""

from django.contrib.auth import get_user_model
from django.test import Client

from knowledge.members import membership as members
from knowledge.models import Registration
from knowledge.roles import MODERATORS, role_group

PASSWORD = "a-long-and-unusual-password-42"


def make_member(city, email, name="Member"):
    """A member of `city` as a moderator's approval makes one."""
    user = get_user_model().objects.create_user(email, email, PASSWORD, is_active=False)
    registration = Registration.objects.create(
        user=user,
        name=name,
        email=email,
        city=city,
        position="Officer",
        organisation="City hall",
        motivation="To share",
        status=Registration.Status.PENDING,
    )
    members.approve(registration, None, city)
    return user


def make_moderator(username="moderator"):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name="Mo"
    )
    user.groups.add(role_group(MODERATORS))
    return user


def member_client(user):
    client = Client()
    client.force_login(user)
    return client
