"""Fault injection: Redis, the mail server and the database fail in the middle of tests.

Every test here is marked `fault`. The servers are our own, on free ports, started once per
run and stopped and started again by the tests; each test starts with them running.
"""

import contextlib

from django.db import connections

import pytest

from cms import cache_backend

from .servers import RedisServer, SmtpServer, free_port


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.fault)


@pytest.fixture(scope="session")
def _redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_server(_redis_server):
    _redis_server.start()
    _redis_server.client().flushdb()
    yield _redis_server
    _redis_server.start()


@pytest.fixture(scope="session")
def _smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(_smtp_server):
    _smtp_server.start()
    with _smtp_server.inbox.lock:
        _smtp_server.inbox.messages.clear()
    yield _smtp_server
    _smtp_server.start()


@pytest.fixture
def shared_cache(settings, redis_server):
    """The production cache set-up on our Redis: the fallback backend, responses kept in the
    cache, rate limits counted in it. A short back-off, so recovery is seen within a test."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache_backend.FallbackRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "usdg-faults",
            "RETRY_SECONDS": 0.5,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    settings.RESPONSE_CACHE_SECONDS = 600
    settings.RATE_LIMIT_PAGES = "300/m"
    settings.RATE_LIMIT_API = "600/m"
    from django.core.cache import cache

    # What the process knows of an outage outlives a backend instance: start each test afresh.
    cache_backend._outages.clear()
    cache._local.clear()
    yield cache
    cache_backend._outages.clear()


@pytest.fixture
def mail_through_smtp(settings, smtp_server):
    """Production's mail path: queued in the database, sent by the worker to our SMTP server."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return smtp_server


@contextlib.contextmanager
def database_unreachable():
    """Point the connection at a database that cannot be reached: a closed port for
    PostgreSQL, a file in a directory that does not exist for SQLite. What the site then gets
    (OperationalError on connect) is what it gets when the database server is down."""
    connection = connections["default"]
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-usdg-fault/unreachable.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
