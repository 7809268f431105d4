"""The admin speaks the user's chosen admin language, its refusals included."""

import html

from django.contrib.messages import get_messages

from wagtail.users.models import UserProfile

import pytest

from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Désolé, vous n'avez pas les autorisations pour accéder à cette zone."),
        ("en", "Sorry, you do not have permission to access this area."),
    ],
)
def test_a_refused_admin_screen_is_explained_in_the_users_admin_language(language, message):
    translator = make_user("traductrice", "Translators: French")
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = language
    profile.save()
    client = client_for(translator)

    # A browser asking for English: the profile decides, as on the admin's own pages.
    response = client.get("/admin/users/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    shown = [html.unescape(str(m)).strip() for m in get_messages(response.wsgi_request)]
    assert shown == [message]
