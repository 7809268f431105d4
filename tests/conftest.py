from io import StringIO

from django.core.management import call_command

import pytest

from pages.models import HomePage

LANGUAGE_CODES = ["en", "ar", "zh-hans", "fr", "ru", "es"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a directory of their own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def homes(db):
    """The home page of each language, created by the pages migrations."""
    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


@pytest.fixture
def demo_content(db, django_capture_on_commit_callbacks):
    """The demo content, loaded as `manage.py load_demo_content` does.

    wagtail-localize publishes translations on commit, so the callbacks are run here.
    """
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=StringIO())
