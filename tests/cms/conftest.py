from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest
import redis
import schemathesis


@pytest.fixture
def api_schema(db):
    """The schema, calling the project's WSGI application in-process. As with Django's test
    client, requests must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v2/schema/", _identity(WSGIHandler()))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _identity(app):
    """schemathesis's WSGI transport asks for gzip but does not decompress: the responses are
    read as sent to a client that asks for no compression."""

    def application(environ, start_response):
        environ["HTTP_ACCEPT_ENCODING"] = "identity"
        return app(environ, start_response)

    return application


@pytest.fixture
def redis_cache(settings):
    """The application cache on the machine's Redis, as production runs it (REDIS_URL)."""
    url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache_backend.FallbackRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "usdg-test",
        }
    }
    settings.RESPONSE_CACHE_SECONDS = 600
    yield redis.Redis.from_url(url)
    redis.Redis.from_url(url).flushdb()
