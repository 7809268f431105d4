"""Helpers of the comment, contact and replication tests."""

from django.utils import translation
from django.utils.translation import gettext

from knowledge.base.spam import new_stamp
from knowledge.models import InitiativeComment

from .conftest import soup

Status = InitiativeComment.Status
MILAN_FOCAL_POINT = "focal.point@milan.example.org"


def required_in_french():
    with translation.override("fr"):
        message = gettext("This field is required.")
    assert message != "This field is required."
    return message


def post_comment(client, page, body, lang="en", **extra):
    data = {"comment-body": body, "comment-stamp": new_stamp(), **extra}
    return client.post(f"/{lang}/interact/pages/{page.pk}/comments/", data)


def comment_bodies(response):
    return [node.get_text(strip=True) for node in soup(response).select(".comment__body")]


def act(client, comment, action):
    return client.post(f"/admin/bulk/knowledge/initiativecomment/{action}/?id={comment.pk}")
