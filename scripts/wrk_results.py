"""Reading wrk's output and writing the benchmark table (used by bench_http.py)."""

import re
from dataclasses import dataclass

UNITS_IN_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class BenchFailure(Exception):
    """A run that cannot give honest figures: a non-2xx answer, errors, or no output."""


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int


def _latency(output, percentile):
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if not match:
        raise BenchFailure(f"wrk printed no {percentile}% latency (was --latency given?)")
    return float(match.group(1)) * UNITS_IN_MS[match.group(2)]


def parse_wrk(output):
    """Requests/sec, p50 and p99 from `wrk --latency`; BenchFailure on any failed request.

    wrk counts answers outside 2xx/3xx ("Non-2xx or 3xx responses") and socket errors; any of
    either means some figures describe failures, not pages served.
    """
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        raise BenchFailure(f"{non_2xx.group(1)} responses were not 2xx or 3xx")
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors and any(int(count) for count in errors.groups()):
        raise BenchFailure(f"socket errors: {errors.group(0)}")
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    count = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    if not rate or not count:
        raise BenchFailure("wrk printed no request rate")
    if int(count.group(1)) == 0:
        raise BenchFailure("no request completed in the time given (raise BENCH_SECONDS)")
    return Result(
        requests_per_second=float(rate.group(1)),
        p50_ms=_latency(output, 50),
        p99_ms=_latency(output, 99),
        requests=int(count.group(1)),
    )


RATIO_NOTE = (
    "`req/s ÷ nginx` is the mode's requests per second divided by nginx's for the same bytes "
    "served as a static file (below 1: fewer than nginx); `p50 ÷ nginx` and `p99 ÷ nginx` "
    "divide the mode's latency by nginx's (above 1: slower than nginx)."
)


def _figure(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(results, baseline_mode):
    """A Markdown table of {(endpoint, mode): Result}, in insertion order, with each figure
    set against the baseline mode's figure for the same endpoint."""
    lines = [
        "| endpoint | mode | req/s | p50 ms | p99 ms | req/s ÷ nginx | p50 ÷ nginx | p99 ÷ nginx |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (endpoint, mode), result in results.items():
        base = results[(endpoint, baseline_mode)]
        lines.append(
            f"| {endpoint} | {mode} | {_figure(result.requests_per_second)} "
            f"| {_figure(result.p50_ms)} | {_figure(result.p99_ms)} "
            f"| {result.requests_per_second / base.requests_per_second:.3f} "
            f"| {result.p50_ms / base.p50_ms:.1f} | {result.p99_ms / base.p99_ms:.1f} |"
        )
    return "\n".join(lines)
