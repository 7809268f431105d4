"""Version counters in the shared cache: cached values carry the version in their key, so
bumping it makes every process miss the old values at once."""

from django.core.cache import cache


def current_version(key):
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return version


def bump_version(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)
