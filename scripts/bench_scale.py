"""Does the cost of a request grow with the corpus? p50 latency and requests per second of each
uncached endpoint on two databases made by `generate_bench_data`, a small one (about the demo's
size) and a large one, measured in the same run, interleaved, with the ratio of the p50s, and
the SQL queries per request of each (manage.py bench_queries): the run fails when the large
database needs more.

Run by `make bench` after both databases are generated; needs Debian's wrk and Redis. Two
gunicorns with RESPONSE_CACHE_SECONDS=0 (no response is cached), one per database, are started
here on free ports and stopped at the end. As in production, each keeps the costly, rarely
changing parts of its responses (knowledge.base.cache_tags.fragment: the menus, the listing's
counts) in Redis, each database in a Redis database of its own, flushed first
(BENCH_SCALE_REDIS_URL, redis://127.0.0.1:6379/13 and the next one). Each endpoint is
measured small, large, small, large, and the median of each pair is kept, so that the
machine's load at one moment weighs on both sides alike.

Environment: BENCH_SMALL_DATABASE_URL and BENCH_DATABASE_URL (the two databases),
BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
BENCH_WORKERS (2 x cores + 1), BENCH_ROUNDS (2), BENCH_SCALE_REDIS_URL.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
from urllib.parse import urlsplit

from bench_http import (
    CORES,
    ROOT,
    WRK,
    Processes,
    app_environment,
    collect_static,
    first_generated_initiative,
    flush_redis,
    get_ok,
    run_and_report,
    setting,
    start_gunicorn,
    wrk,
)
from wrk_results import BenchFailure, parse_wrk

RESULTS_FILE = ROOT / "bench-scale.md"
SEARCH_WORD = "eau"  # "water" in the generated French text (bench/words.py)


def endpoints(port):
    """(name, path) of the uncached endpoints on the database served at `port`."""
    detail = first_generated_initiative(port)
    return [
        ("API listing, 20 pages", "/api/v2/pages/?limit=20"),
        (
            "API listing, 20 initiatives, fields=*",
            "/api/v2/pages/?type=knowledge.InitiativePage&fields=*&locale=fr&limit=20",
        ),
        ("API detail", f"/api/v2/pages/{detail['id']}/"),
        ("HTML initiative page", urlsplit(detail["meta"]["html_url"]).path),
        ("HTML listing", "/fr/initiatives/?sdg=11"),
        ("HTML search", f"/fr/search/?q={SEARCH_WORD}"),
        ("search API", f"/api/v2/search/?q={SEARCH_WORD}&locale=fr"),
    ]


def fragment_redis_url(number):
    """The Redis database of the fragments of one of the two databases (0: small, 1: large)."""
    base = os.environ.get("BENCH_SCALE_REDIS_URL") or "redis://127.0.0.1:6379/13"
    parts = urlsplit(base)
    database = int(parts.path.strip("/") or 0) + number
    return parts._replace(path=f"/{database}").geturl()


def initiatives(port):
    _, body = get_ok(port, "/api/v2/pages/?type=knowledge.InitiativePage&locale=fr&limit=1")
    return json.loads(body)["meta"]["total_count"]


def queries(env, paths):
    """SQL queries per request of each of `paths` (manage.py bench_queries), with `env`."""
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_queries", *paths],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    return [counts[path] for path in paths]


def measure(port, path, seconds, warmup):
    """wrk's figures for `path` after a warm-up: p50 and requests per second."""
    get_ok(port, path)
    wrk(port, path, warmup)
    return parse_wrk(wrk(port, path, seconds))


def run(directory):
    small_url = os.environ.get("BENCH_SMALL_DATABASE_URL")
    large_url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not small_url or not large_url:
        raise BenchFailure("Set BENCH_SMALL_DATABASE_URL and BENCH_DATABASE_URL")
    if not shutil.which(WRK):
        raise BenchFailure(f"{WRK} is missing (Debian: apt install wrk)")
    seconds, warmup = setting("BENCH_SECONDS", 10), setting("BENCH_WARMUP", 3)
    rounds = setting("BENCH_ROUNDS", 2)
    workers = setting("BENCH_WORKERS", 2 * CORES + 1)
    collect_static()
    with Processes(directory) as processes:
        ports, environments = {}, {}
        for number, (name, url) in enumerate((("small", small_url), ("large", large_url))):
            redis_url = fragment_redis_url(number)
            flush_redis(redis_url)
            env = app_environment(0, redis_url)
            env["DATABASE_URL"] = url
            environments[name] = env
            ports[name] = start_gunicorn(processes, f"gunicorn-{name}", env, workers)
        sizes = {name: initiatives(port) for name, port in ports.items()}
        paths = {name: endpoints(port) for name, port in ports.items()}
        # No more queries on the large database than on the small one, or the run fails. (One
        # fewer happens: at 5,000 no city has a single initiative for its map marker to link.)
        sql = {
            name: queries(environments[name], [path for _, path in paths[name]]) for name in ports
        }
        for index, (endpoint, _) in enumerate(paths["small"]):
            if sql["large"][index] > sql["small"][index]:
                raise BenchFailure(
                    f"{endpoint}: {sql['small'][index]} queries on the small database, "
                    f"{sql['large'][index]} on the large one"
                )
        rows = []
        for index, (endpoint, _) in enumerate(paths["small"]):
            figures = {"small": [], "large": []}
            for _ in range(rounds):
                for name in ("small", "large"):
                    path = paths[name][index][1]
                    try:
                        figures[name].append(measure(ports[name], path, seconds, warmup))
                    except BenchFailure as failure:
                        raise BenchFailure(f"{endpoint} ({name}, {path}): {failure}") from None
            small, large = (
                statistics.median(result.p50_ms for result in figures[name])
                for name in ("small", "large")
            )
            rates = [
                statistics.median(result.requests_per_second for result in figures[name])
                for name in ("small", "large")
            ]
            counts = (sql["small"][index], sql["large"][index])
            rows.append((endpoint, small, large, large / small, *rates, counts))
            print(
                f"{endpoint:40} p50 {small:8.1f} ms -> {large:8.1f} ms  x{large / small:5.2f}"
                f"   req/s {rates[0]:7.1f} -> {rates[1]:7.1f}",
                flush=True,
            )
    header = (
        f"| uncached endpoint | p50 at {sizes['small']:,} initiatives | "
        f"p50 at {sizes['large']:,} | grows × | req/s at {sizes['small']:,} | "
        f"req/s at {sizes['large']:,} | SQL per request |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = "".join(
        f"| {endpoint} | {small:.1f} ms | {large:.1f} ms | {ratio:.2f} | {rate_small:.1f} | "
        f"{rate_large:.1f} | {counts[0]} → {counts[1]} |\n"
        for endpoint, small, large, ratio, rate_small, rate_large, counts in rows
    )
    return (
        f"Machine: {CORES} cores; gunicorn {workers} sync workers, no response cache (fragments "
        "in Redis); wrk "
        f"{setting('BENCH_THREADS', 2)} threads, {setting('BENCH_CONNECTIONS', 16)} "
        f"connections, {seconds} s after {warmup} s of warm-up; median of {rounds} runs per "
        "database, the two databases measured in turn. Initiatives counted in French.\n\n"
        + header
        + lines
    )


def main():
    run_and_report(run, RESULTS_FILE, prefix="usdg-bench-scale-")


if __name__ == "__main__":
    main()
