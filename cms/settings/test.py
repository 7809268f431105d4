"""Test settings: the same on a laptop and in CI. DATABASE_URL switches to PostgreSQL."""

import hashlib
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-1234567890abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["*"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Mail goes through the queue as in production; the immediate task backend sends it at once,
# to Django's test outbox (django.core.mail.outbox). Django's test set-up replaces
# EMAIL_BACKEND with its own, so tests/conftest.py sets the queue again for every test.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="usdg-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="usdg-test-private-")
# An existing (empty) directory, so WhiteNoise has nothing to warn about.
STATIC_ROOT = tempfile.mkdtemp(prefix="usdg-test-static-")
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"

# Only warnings and errors in test output.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["django"]["level"] = "WARNING"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory: the live server of the browser tests and the task worker then
    # use connections of their own, as they do in production.
    # Named after the checkout, so that `pytest --reuse-db` can keep it between runs.
    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"usdg-test-{checkout}.sqlite3")
    }

# Test clients fill in forms at once; the spam tests set a minimum of their own.
INTERACTION_MIN_SECONDS = 0

# Responses are not kept between requests and no address is limited, unless a test asks.
RESPONSE_CACHE_SECONDS = 0
RATE_LIMIT_API = RATE_LIMIT_PAGES = ""
VARNISH_URLS = []
