"""Version counters in the shared cache: cached values carry the version in their key, so
bumping it makes every process miss the old values at once.

A counter starts from the current time in milliseconds, not from 1: the key has a time to live
(and Redis may evict it), and a counter started again must never return to a value whose
entries may still be cached.
"""

import time

from django.core.cache import cache

# Long beside the entries that carry the version; when it lapses the next read starts anew.
VERSION_TIMEOUT = 7 * 24 * 3600


def _fresh():
    return int(time.time() * 1000)


def current_version(key):
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh(), timeout=VERSION_TIMEOUT)
        version = cache.get(key, _fresh())
    return version


def bump_version(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh(), timeout=VERSION_TIMEOUT)
