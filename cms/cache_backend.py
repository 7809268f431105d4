"""The shared cache: Redis when it answers, this process's memory when it does not.

Redis is a cache, not a dependency. Every operation goes to Redis with short socket timeouts;
on a connection error, a timeout or any other Redis error the process marks Redis as down
(one warning per outage) and answers from a local memory cache instead, trying Redis again
only after `RETRY_SECONDS`, so requests do not each wait for a connect timeout. Everything
built on the cache falls back at once: responses are rendered, rate limits count per process.

While Redis is down:
- values stored with `set` are kept locally for at most `LOCAL_MAX_TIMEOUT` seconds, since no
  other process sees what this one changes (a page published here must not stay stale there);
- counters and flags created with `add` keep their timeout, so rate limits stay per-process
  counters over their whole period;
- every key this process writes or deletes is remembered (up to `MAX_REPLAY_KEYS`), and deleted
  from Redis when it answers again, before anything is read from it: whatever was invalidated
  during the outage (content versions included) is not read back stale from Redis.

Every key gets a time to live: `timeout=None` ("for ever") becomes `MAX_TIMEOUT`, so Redis can
be sized with `maxmemory` and an LRU policy and nothing in it lives for ever.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULTS = {
    "RETRY_SECONDS": 5.0,
    "LOCAL_MAX_TIMEOUT": 5,
    "MAX_TIMEOUT": 7 * 24 * 3600,
    "MAX_REPLAY_KEYS": 10_000,
    "LOCAL_MAX_ENTRIES": 5_000,
}


class _Outage:
    """What a process knows of a Redis outage. Django makes a cache backend per thread: the
    threads of a process share this (and the local memory), so a process warns once, waits
    out one back-off and counts its rate limits in one place."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None  # monotonic time of the failure, None while Redis answers
        self.retry_at = 0.0
        self.changed = set()  # Redis keys written or deleted locally during the outage
        self.overflowed = False


_outages = {}
_outages_lock = threading.Lock()


def _outage_of(name):
    with _outages_lock:
        return _outages.setdefault(name, _Outage())


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a redis.Redis object for every operation, and each one copies
    Redis's two hundred response callbacks: a tenth of a millisecond per cache read, a dozen
    reads per page. One client per connection pool serves them all: redis.Redis is safe to
    share between threads, its pool hands each command a connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        for name, default in DEFAULTS.items():
            setattr(self, name.lower(), type(default)(params.get(name, default)))
        name = f"usdg-redis-fallback:{','.join(self._servers)}:{self.key_prefix}"
        self._outage = _outage_of(name)
        self._local = LocMemCache(
            name,
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": self.key_prefix,
                "VERSION": self.version,
                "OPTIONS": {"MAX_ENTRIES": self.local_max_entries},
            },
        )

    # Health

    @property
    def is_down(self):
        return self._outage.down_since is not None

    def status(self):
        """Ask Redis now (for /healthz/): {"status": "ok" | "down", ...}."""
        try:
            self._client().ping()
        except RedisError as error:
            self._went_down(error)
            # The kind of error only: /healthz/ is public, and the message names the server.
            return {"status": "down", "error": type(error).__name__}
        if self.is_down:
            self._came_back()
        return {"status": "ok"}

    def _client(self):
        return self._cache.get_client(None, write=True)

    def _went_down(self, error):
        with self._outage.lock:
            self._outage.retry_at = time.monotonic() + self.retry_seconds
            if self._outage.down_since is not None:
                return
            self._outage.down_since = time.monotonic()
        logger.warning(
            "Redis is unreachable (%s): this process uses its own memory cache and counts "
            "rate limits by itself until Redis answers again (next try in %s s).",
            str(error) or type(error).__name__,
            self.retry_seconds,
        )

    def _came_back(self):
        """Redis answers again: drop from it what changed here meanwhile, then use it."""
        with self._outage.lock:
            if self._outage.down_since is None:
                return
            changed, overflowed = list(self._outage.changed), self._outage.overflowed
            seconds = time.monotonic() - self._outage.down_since
        for start in range(0, len(changed), 500):
            self._cache.delete_many(changed[start : start + 500])
        with self._outage.lock:
            self._outage.down_since = None
            self._outage.changed = set()
            self._outage.overflowed = False
        self._local.clear()
        logger.warning(
            "Redis answers again after %.0f s of outage; %d keys changed meanwhile were "
            "dropped from it.",
            seconds,
            len(changed),
        )
        if overflowed:
            logger.warning(
                "More than %d keys changed during the Redis outage: entries of the others may "
                "stay stale in Redis until they expire.",
                self.max_replay_keys,
            )

    def _use_redis(self):
        """False while Redis is down and its back-off runs; one caller at a time probes it."""
        if self._outage.down_since is None:
            return True
        with self._outage.lock:
            now = time.monotonic()
            if now < self._outage.retry_at:
                return False
            self._outage.retry_at = now + self.retry_seconds
        try:
            self._client().ping()
            self._came_back()
        except RedisError:
            return False
        return True

    def _remember(self, keys, version=None):
        with self._outage.lock:
            if self._outage.down_since is None:
                return
            for key in keys:
                if len(self._outage.changed) >= self.max_replay_keys:
                    self._outage.overflowed = True
                    return
                self._outage.changed.add(self.make_key(key, version=version))

    def _run(self, redis_call, local_call, *, writes=(), version=None):
        if self._use_redis():
            try:
                return redis_call()
            except RedisError as error:
                self._went_down(error)
        if writes:
            self._remember(writes, version)
        return local_call()

    # Timeouts

    def get_backend_timeout(self, timeout=DEFAULT_TIMEOUT):
        timeout = super().get_backend_timeout(timeout)
        return self.max_timeout if timeout is None else min(timeout, self.max_timeout)

    def _local_timeout(self, timeout):
        return min(self.get_backend_timeout(timeout), self.local_max_timeout)

    # The cache API

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).add(key, value, timeout, version),
            lambda: self._local.add(key, value, self.get_backend_timeout(timeout), version),
            writes=[key],
            version=version,
        )

    def get(self, key, default=None, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).get(key, default, version),
            lambda: self._local.get(key, default, version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).set(key, value, timeout, version),
            lambda: self._local.set(key, value, self._local_timeout(timeout), version),
            writes=[key],
            version=version,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).touch(key, timeout, version),
            lambda: self._local.touch(key, self._local_timeout(timeout), version),
            writes=[key],
            version=version,
        )

    def delete(self, key, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).delete(key, version),
            lambda: self._local.delete(key, version),
            writes=[key],
            version=version,
        )

    def get_many(self, keys, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).get_many(keys, version),
            lambda: self._local.get_many(keys, version),
        )

    def has_key(self, key, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).has_key(key, version),
            lambda: self._local.has_key(key, version),
        )

    def incr(self, key, delta=1, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).incr(key, delta, version),
            lambda: self._local.incr(key, delta, version),
            writes=[key],
            version=version,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run(
            lambda: super(FallbackRedisCache, self).set_many(data, timeout, version),
            lambda: self._local.set_many(data, self._local_timeout(timeout), version),
            writes=list(data),
            version=version,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._run(
            lambda: super(FallbackRedisCache, self).delete_many(keys, version),
            lambda: self._local.delete_many(keys, version),
            writes=keys,
            version=version,
        )

    def clear(self):
        self._local.clear()
        return self._run(lambda: super(FallbackRedisCache, self).clear(), lambda: True)
