"""Version counters of cached values start from the time, so one that lapses never returns to a
value whose entries may still be cached."""

import time

from django.core.cache import cache

from knowledge.base.cache_versions import VERSION_TIMEOUT, bump_version, current_version


def test_a_lapsed_version_starts_above_every_earlier_one():
    first = current_version("test:version")
    bump_version("test:version")
    bumped = current_version("test:version")
    cache.delete("test:version")  # expired, or evicted by Redis
    time.sleep(0.01)  # counters start from milliseconds: bumps are far rarer than that

    restarted = current_version("test:version")

    assert bumped == first + 1
    assert restarted > bumped
    assert 0 < VERSION_TIMEOUT <= 7 * 24 * 3600
