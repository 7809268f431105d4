"""The HTTP benchmark's reading of wrk and its table (scripts/wrk_results.py)."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "wrk_results.py"
spec = importlib.util.spec_from_file_location("wrk_results", SCRIPT)
wrk_results = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wrk_results)

OUTPUT = """Running 10s test @ http://127.0.0.1:8000/api/v2/pages/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.50ms    3.10ms  1.20s    91.00%
    Req/Sec   640.12     50.00   700.00     80.00%
  Latency Distribution
     50%  {p50}
     75%   14.00ms
     90%   18.00ms
     99%  {p99}
  12802 requests in 10.00s, 25.10MB read
{extra}Requests/sec:   1280.20
Transfer/sec:      2.51MB
"""


def output(p50="850.00us", p99="1.25s", extra=""):
    return OUTPUT.format(p50=p50, p99=p99, extra=extra)


def test_reads_rate_and_percentiles_in_milliseconds_whatever_unit_wrk_chose():
    result = wrk_results.parse_wrk(output())
    assert result.requests_per_second == 1280.20
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1250.0)
    assert result.requests == 12802
    assert wrk_results.parse_wrk(output(p50="11.31ms", p99="1.50m")).p99_ms == 90_000.0


@pytest.mark.parametrize(
    "extra, message",
    [
        ("  Non-2xx or 3xx responses: 3\n", "3 responses were not 2xx or 3xx"),
        ("  Socket errors: connect 0, read 0, write 0, timeout 2\n", "timeout 2"),
        ("  Socket errors: connect 1, read 0, write 0, timeout 0\n", "connect 1"),
    ],
)
def test_any_failed_request_fails_the_run(extra, message):
    with pytest.raises(wrk_results.BenchFailure, match=message):
        wrk_results.parse_wrk(output(extra=extra))


def test_a_run_without_completed_requests_or_percentiles_fails():
    idle = output().replace("12802 requests", "0 requests")
    with pytest.raises(wrk_results.BenchFailure, match="no request completed"):
        wrk_results.parse_wrk(idle)
    with pytest.raises(wrk_results.BenchFailure, match="99% latency"):
        wrk_results.parse_wrk(output().replace("     99%", "     98%"))


def test_table_sets_every_mode_against_nginx_for_the_same_endpoint():
    result = wrk_results.Result
    results = {
        ("API detail", "nginx"): result(20000.0, 0.5, 2.0, 200000),
        ("API detail", "uncached"): result(50.0, 150.0, 400.0, 500),
        ("HTML detail", "nginx"): result(10000.0, 1.0, 4.0, 100000),
        ("HTML detail", "varnish"): result(8000.0, 1.5, 6.0, 80000),
    }
    lines = wrk_results.table(results, "nginx").splitlines()
    assert lines[0].startswith("| endpoint | mode | req/s | p50 ms | p99 ms | req/s ÷ nginx |")
    assert lines[2] == "| API detail | nginx | 20,000 | 0.50 | 2.00 | 1.000 | 1.0 | 1.0 |"
    assert lines[3] == "| API detail | uncached | 50.0 | 150 | 400 | 0.003 | 300.0 | 200.0 |"
    assert lines[5] == "| HTML detail | varnish | 8,000 | 1.50 | 6.00 | 0.800 | 1.5 | 1.5 |"
    assert len(lines) == 6
