"""The Redis cache makes one client per connection pool and uses it for every operation
(cms.cache_backend.ReusedClientRedisCacheClient), rather than one per operation as Django's."""

from django.core.cache import caches

import pytest

from cms.cache_backend import ReusedClientRedisCacheClient


def test_one_client_serves_every_operation(redis_cache):
    cache = caches["default"]
    client = cache._cache
    assert isinstance(client, ReusedClientRedisCacheClient)
    first = client.get_client(write=True)
    cache.set("key", {"value": 1})
    assert cache.get("key") == {"value": 1}
    assert cache.get_many(["key", "missing"]) == {"key": {"value": 1}}
    assert client.get_client(write=True) is first
    assert client.get_client(write=False) is first  # one server: reads use the same pool
    # The commands went through its pool's connections, not new ones each time.
    assert first.connection_pool is client._get_connection_pool(write=True)


@pytest.mark.parametrize("operations", [200])
def test_many_operations_use_few_connections(redis_cache, operations):
    cache = caches["default"]
    for number in range(operations):
        cache.set(f"key-{number}", number)
        assert cache.get(f"key-{number}") == number
    pool = cache._cache.get_client(write=True).connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) <= 2
