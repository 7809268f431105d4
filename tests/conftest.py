from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.utils import translation

import pytest

from cms import sites
from pages.models import HomePage
from tests.factories import client_for, make_user

LANGUAGE_CODES = ["en", "ar", "zh-hans", "fr", "ru", "es"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests on the bare database first, then those that use the demo content.

    The demo content is loaded the first time a test asks for it and stays for the rest of the
    run, so the tests that do without it must run before. pytest-django's own ordering
    (transactional tests after the others) runs after this one and keeps this order within its
    groups (Python's sort is stable).
    """
    items.sort(key=lambda item: "demo_content" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker):
    """The demo content in six languages, loaded once per run by the first test that needs it.

    The migrations alone give the locales, the home page of each language, the SDGs, targets,
    themes and roles; most tests build what else they need with factories and start at once.
    Each test runs in a transaction that is rolled back, so what a test changes is undone.
    Transactional tests (browser tests, the task worker) empty the database when they end; with
    serialized_rollback they start from this state, serialized again here to include the demo.
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=StringIO())
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def empty_cache():
    """Nothing cached by one test (whose database changes are rolled back) leaks into another."""
    cache.clear()
    sites.forget()


@pytest.fixture
def fragments(settings):
    """The fragment cache on, as in production (knowledge.base.cache_tags.fragment), emptied
    before and after. Purges wait for the commit: tests that change pages under it run their
    changes in django_capture_on_commit_callbacks(execute=True)."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """Mail goes through the queue (mailqueue) as in production.

    Django's test set-up swaps EMAIL_BACKEND for its in-memory one; the queue delivers to that
    one instead (EMAIL_DELIVERY_BACKEND), at once with the immediate task backend.
    """
    settings.EMAIL_BACKEND = "mailqueue.backend.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, request):
    """Uploads of each test go to a directory of their own.

    The demo's pictures and documents, written once per run by _demo_database into the test
    settings' MEDIA_ROOT, are linked into it for the tests that use the demo content and for
    the browser tests, whose live server serves it; not its open-data files, which tests make
    and rewrite.
    """
    demo_media = Path(settings.MEDIA_ROOT)
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    uses_demo = {"demo_content", "live_demo"} & set(request.fixturenames)
    if uses_demo and demo_media.is_dir():
        for source in demo_media.rglob("*"):
            if source.is_file() and source.relative_to(demo_media).parts[0] != "opendata":
                target = media / source.relative_to(demo_media)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(source)


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    """Private uploads and certification evidence of each test go to a directory of their own."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


@pytest.fixture
def homes(db):
    """The home page of each language, created by the pages migrations."""
    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


@pytest.fixture
def demo_content(_demo_database, db):
    """The demo content (cities, initiatives, events… in six languages), for tests that use it."""


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: Django's LocaleMiddleware and the admin's
    AdminLanguageMiddleware activate a request's language in the thread and leave it there,
    so a test after a request in Arabic would otherwise read lazy messages in Arabic."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def translator(db):
    """A French translator (in the group "Translators: French" that cms.roles makes)."""
    return make_user("traductrice", "Translators: French")


@pytest.fixture
def translator_client(translator):
    """A test client signed in as the French translator."""
    return client_for(translator)
