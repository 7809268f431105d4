"""Storage set-ups for the tests of private files: the file system, and an S3-compatible server
(moto in server mode, on a free port) with a bucket of its own per test."""

import logging
import socket
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest

from tests.factories import CityIndexPageFactory, CityPageFactory
from tests.knowledge.members import PASSWORD, make_member, make_moderator, member_client


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    # The server's request log would drown the tests' output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(params=["filesystem", "s3"])
def storage_kind(request, settings):
    """Each test of this kind runs with the media on the file system, then in a bucket."""
    if request.param == "s3":
        import boto3

        endpoint = request.getfixturevalue("s3_server")
        bucket = f"usdg-{uuid.uuid4().hex[:12]}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        ).create_bucket(Bucket=bucket)
        settings.AWS_S3_ENDPOINT_URL = endpoint
        settings.AWS_S3_REGION_NAME = "us-east-1"
        settings.AWS_S3_ADDRESSING_STYLE = "path"
        settings.AWS_ACCESS_KEY_ID = "testing"
        settings.AWS_SECRET_ACCESS_KEY = "testing"
        settings.AWS_DEFAULT_ACL = None
        settings.AWS_QUERYSTRING_AUTH = True
        settings.AWS_S3_FILE_OVERWRITE = False
        settings.AWS_S3_SIGNATURE_VERSION = "s3v4"
        settings.AWS_STORAGE_BUCKET_NAME = bucket
    return request.param


@pytest.fixture
def cities(homes):
    """Seoul and Milan in English: those of the demo content when the database holds it (a
    transactional test that runs after the demo is loaded starts from it), else new ones."""
    from knowledge.models import CityIndexPage, CityPage

    locale = homes["en"].locale
    index = CityIndexPage.objects.filter(locale=locale).first() or CityIndexPageFactory(
        parent=homes["en"]
    )

    def city(title, **fields):
        found = CityPage.objects.filter(locale=locale, title=title).first()
        return found or CityPageFactory(parent=index, title=title, **fields)

    return {
        "seoul": city("Seoul", country="KR"),
        "milan": city("Milan", country="IT", region="europe"),
    }


@pytest.fixture
def users(cities):
    """Everyone who asks for a file, by role."""
    translator = get_user_model().objects.create_user(
        "traductrice", "traductrice@example.org", PASSWORD
    )
    translator.groups.add(Group.objects.get(name="Translators: French"))
    return {
        "seoul": make_member(cities["seoul"], "member@seoul.example.org"),
        "moderator": make_moderator(),
        "milan": make_member(cities["milan"], "member@milan.example.org"),
        "translator": translator,
    }


@pytest.fixture
def people(users):
    """A client for each of `users`, and one for anonymous visitors."""
    return {"anonymous": Client(), **{role: member_client(user) for role, user in users.items()}}
