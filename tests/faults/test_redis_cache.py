"""The cache backend with Redis stopped and started again under it (cms.cache_backend)."""

import logging
import threading
import time

from django.test import RequestFactory

from django_ratelimit.core import get_usage

from .servers import wait_for

PREFIX = "usdg-faults:1:"


def test_every_key_gets_a_time_to_live(shared_cache, redis_server):
    shared_cache.set("forever", "value", None)
    shared_cache.add("flag", True, None)
    shared_cache.set("short", "value", 30)

    client = redis_server.client()
    assert 0 < client.ttl(f"{PREFIX}forever") <= 7 * 24 * 3600
    assert 0 < client.ttl(f"{PREFIX}flag") <= 7 * 24 * 3600
    assert 0 < client.ttl(f"{PREFIX}short") <= 30
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "allkeys-lru"


def test_without_redis_the_process_answers_from_memory_and_warns_once(
    shared_cache, redis_server, caplog
):
    shared_cache.set("kept", "in redis", 60)
    redis_server.stop()

    with caplog.at_level(logging.WARNING, logger="cms.cache_backend"):
        started = time.monotonic()
        assert shared_cache.get("kept") is None  # Redis's copy is out of reach
        for number in range(200):
            shared_cache.set(f"key-{number}", number, 60)
            assert shared_cache.get(f"key-{number}") == number
        elapsed = time.monotonic() - started

    warnings = [r for r in caplog.records if r.name == "cms.cache_backend"]
    assert len(warnings) == 1
    assert "Redis is unreachable" in warnings[0].getMessage()
    # One connect attempt, then the back-off: 400 calls do not each wait for a timeout.
    assert elapsed < 1.5


def test_the_threads_of_a_process_share_one_outage(shared_cache, redis_server, caplog):
    from django.core.cache import caches

    redis_server.stop()
    answers = []

    def serve_a_request():
        cache = caches["default"]  # each thread has its own backend instance
        answers.append(cache.get("menu"))
        cache.set("menu", "rendered", 60)

    with caplog.at_level(logging.WARNING, logger="cms.cache_backend"):
        started = time.monotonic()
        for _ in range(8):
            thread = threading.Thread(target=serve_a_request)
            thread.start()
            thread.join()
        elapsed = time.monotonic() - started

    assert len([r for r in caplog.records if r.name == "cms.cache_backend"]) == 1
    assert answers == [None] + ["rendered"] * 7  # one memory for the whole process
    assert elapsed < 1.5


def test_values_set_during_an_outage_live_only_seconds_but_counters_keep_their_period(
    shared_cache, redis_server
):
    redis_server.stop()
    shared_cache.set("menu", "rendered", 600)
    shared_cache.add("counter", 1, 3600)

    local = shared_cache._local
    assert local._expire_info[local.make_key("menu")] - time.time() <= 5
    assert local._expire_info[local.make_key("counter")] - time.time() > 3500


def test_rate_limits_count_per_process_while_redis_is_down(shared_cache, redis_server):
    request = RequestFactory().get("/en/", REMOTE_ADDR="198.51.100.7")
    redis_server.stop()

    usages = [
        get_usage(request, group="pages", key="ip", rate="3/m", increment=True) for _ in range(4)
    ]

    assert [usage["count"] for usage in usages] == [1, 2, 3, 4]
    assert [usage["should_limit"] for usage in usages] == [False, False, False, True]


def test_when_redis_answers_again_what_changed_meanwhile_is_dropped_from_it(
    shared_cache, redis_server, caplog
):
    shared_cache.set("version", 1, 600)
    shared_cache.set("untouched", "same", 600)
    redis_server.stop()
    shared_cache.set("version", 2, 600)  # e.g. a page published during the outage
    redis_server.start()  # a new, empty Redis: fill it as the old one was
    client = redis_server.client()
    client.set(f"{PREFIX}version", b"1")
    client.set(f"{PREFIX}untouched", b"2")

    with caplog.at_level(logging.WARNING, logger="cms.cache_backend"):
        # Reads go on from memory until the back-off ends and a probe finds Redis.
        wait_for(lambda: shared_cache.get("probe") is None and not shared_cache.is_down, 3)

    assert not client.exists(f"{PREFIX}version")  # not read back stale
    assert shared_cache.get("version") is None
    assert shared_cache.get("untouched") == 2
    assert any("answers again" in r.getMessage() for r in caplog.records)
    shared_cache.set("after", "back", 60)
    assert client.exists(f"{PREFIX}after")


def test_health_of_the_cache_follows_redis(shared_cache, redis_server):
    assert shared_cache.status() == {"status": "ok"}
    redis_server.stop()
    assert shared_cache.status()["status"] == "down"
    redis_server.start()
    assert shared_cache.status() == {"status": "ok"}
    assert not shared_cache.is_down
