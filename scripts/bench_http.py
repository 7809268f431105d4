"""HTTP serving benchmark: requests per second and p50/p99 latency of the main endpoints.

Run by `make bench` after the data is generated; needs DATABASE_URL and Debian's varnish,
nginx and wrk, and Redis on 127.0.0.1:6379 (database 15 is flushed). Each endpoint is measured
with wrk in four modes, all started here on free ports and stopped at the end (also on Ctrl-C
or failure):

- uncached: gunicorn with RESPONSE_CACHE_SECONDS=0 (no shared cache at all);
- redis: gunicorn with the application response cache in Redis (RESPONSE_CACHE_SECONDS=600);
- varnish: varnishd with deploy/varnish/default.vcl in front of the uncached gunicorn;
- nginx: the bytes the app returned for the endpoint, served by nginx as a static file, as the
  yardstick every other figure is divided by.

A script rather than a management command: it measures the site from outside, as a client
does, through processes it starts with their own settings; it never loads Django itself.
Environment: BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
BENCH_WORKERS (2 x cores + 1), BENCH_VCL (deploy/varnish/default.vcl), BENCH_REDIS_URL
(redis://127.0.0.1:6379/15).
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from wrk_results import RATIO_NOTE, BenchFailure, parse_wrk, table

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "bench-results.md"
VARNISHD, NGINX, WRK = "/usr/sbin/varnishd", "/usr/sbin/nginx", "/usr/bin/wrk"
VCL_BACKEND_PORT = '.port = "8000";'
SEARCH_WORD = "eau"  # "water" in the generated French text (bench/words.py)
CORES = os.cpu_count() or 1


def setting(name, default):
    return type(default)(os.environ.get(name) or default)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    """(status, headers, body) of one GET, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def get_ok(port, path):
    status, headers, body = get(port, path)
    if status != 200:
        raise BenchFailure(f"GET {path} on port {port} answered {status}, not 200")
    return headers, body


class Processes:
    """The servers started by the benchmark, each in its own process group, all stopped on
    exit from the `with` block however it is left."""

    def __init__(self, directory):
        self.directory = directory
        self.started = []

    def __enter__(self):
        return self

    def start(self, name, command, env=None):
        log = open(self.directory / f"{name}.log", "wb")  # closed in __exit__
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches only this script, which stops them in order
        )
        self.started.append((name, process, log))
        return process

    def log_tail(self, name, lines=20):
        text = (self.directory / f"{name}.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def wait_until_serving(self, name, process, port, path="/", timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BenchFailure(f"{name} exited:\n{self.log_tail(name)}")
            try:
                get(port, path)
                return
            except OSError:
                time.sleep(0.3)
        raise BenchFailure(f"{name} did not answer within {timeout} s:\n{self.log_tail(name)}")

    def __exit__(self, *exc):
        for _, process, _ in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process, log in reversed(self.started):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()


def app_environment(cache_seconds, redis_url=None):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on the loopback, no TLS proxy
        DATABASE_CONN_MAX_AGE=os.environ.get("DATABASE_CONN_MAX_AGE") or "600",
        RESPONSE_CACHE_SECONDS=str(cache_seconds),
        RATE_LIMIT_API="",  # all the load comes from one address
        RATE_LIMIT_PAGES="",
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def collect_static():
    """The production settings serve hashed static files from a manifest: build it."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=app_environment(0),
        check=True,
    )


def start_gunicorn(processes, name, env, workers):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    process = processes.start(name, command, env=env)
    processes.wait_until_serving(name, process, port, "/healthz/")
    return port


def start_varnish(processes, directory, backend_port, vcl_path):
    vcl = vcl_path.read_text()
    if VCL_BACKEND_PORT not in vcl:
        raise BenchFailure(f"{vcl_path} has no backend line {VCL_BACKEND_PORT}")
    bench_vcl = directory / "default.vcl"
    bench_vcl.write_text(vcl.replace(VCL_BACKEND_PORT, f'.port = "{backend_port}";'))
    port = free_port()
    command = [VARNISHD, "-F", "-n", str(directory / "varnish"), "-a", f"127.0.0.1:{port}"]
    command += ["-f", str(bench_vcl), "-s", "malloc,256m"]
    process = processes.start("varnish", command)
    processes.wait_until_serving("varnish", process, port, "/healthz/")
    return port


def start_nginx(processes, directory, files):
    """nginx serving {name: bytes} at /<name>, one worker per core."""
    root = directory / "static"
    root.mkdir()
    for name, body in files.items():
        (root / name).write_bytes(body)
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(
        f"""worker_processes {CORES};
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ application/json json; text/html html; }}
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""
    )
    command = [NGINX, "-c", str(conf), "-p", str(directory), "-e", str(directory / "nginx.err")]
    process = processes.start("nginx", command)
    processes.wait_until_serving("nginx", process, port)
    return port


def first_generated_initiative(port):
    """The API item of the first generated initiative (French) on the server at `port`."""
    _, body = get_ok(
        port,
        "/api/v2/pages/?type=knowledge.InitiativePage&locale=fr&slug=benchmark-initiative-1",
    )
    items = json.loads(body)["items"]
    if not items:
        raise BenchFailure("No generated initiatives: run manage.py generate_bench_data first")
    return items[0]


def endpoints(port):
    """(name, path) of the measured endpoints, with ids from the generated data."""
    listing = "/api/v2/pages/?type=knowledge.InitiativePage&fields=*&locale=fr&limit=20"
    detail = first_generated_initiative(port)
    return [
        ("API listing", listing),
        ("API detail", f"/api/v2/pages/{detail['id']}/"),
        ("HTML listing", "/fr/initiatives/?sdg=11"),
        ("HTML detail", urlsplit(detail["meta"]["html_url"]).path),
        ("search API", f"/api/v2/search/?q={SEARCH_WORD}&locale=fr"),
    ]


def data_set(port):
    def count(locale):
        query = "/api/v2/pages/?type=knowledge.InitiativePage&limit=1"
        _, body = get_ok(port, query + (f"&locale={locale}" if locale else ""))
        return json.loads(body)["meta"]["total_count"]

    return f"{count('en'):,} initiatives in English, {count('fr'):,} in French"


def wrk(port, path, seconds):
    threads = setting("BENCH_THREADS", 2)
    connections = setting("BENCH_CONNECTIONS", 16)
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    # A long timeout, so that slow answers count in the latency instead of as errors.
    command += ["--timeout", "60s", f"http://127.0.0.1:{port}{path}"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def cpu_model():
    text = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else "unknown CPU"


def database_kind():
    scheme = urlsplit(os.environ.get("DATABASE_URL", "sqlite://")).scheme
    return "PostgreSQL" if scheme.startswith("postgres") else scheme or "SQLite"


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def run(directory):
    seconds, warmup = setting("BENCH_SECONDS", 10), setting("BENCH_WARMUP", 3)
    workers = setting("BENCH_WORKERS", 2 * CORES + 1)
    vcl = Path(os.environ.get("BENCH_VCL") or ROOT / "deploy" / "varnish" / "default.vcl")
    redis_url = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/15"
    for program in (VARNISHD, NGINX, WRK):
        if not shutil.which(program):
            raise BenchFailure(f"{program} is missing (Debian: apt install varnish nginx wrk)")
    if not vcl.exists():
        raise BenchFailure(f"No Varnish configuration at {vcl} (set BENCH_VCL)")
    flush_redis(redis_url)
    collect_static()
    # varnishd and nginx drop root privileges: their users must read the generated files.
    directory.chmod(0o755)

    with Processes(directory) as processes:
        print(f"Starting gunicorn ({workers} workers) twice, varnishd and nginx", flush=True)
        uncached = start_gunicorn(processes, "gunicorn-uncached", app_environment(0), workers)
        cached = start_gunicorn(
            processes, "gunicorn-redis", app_environment(600, redis_url), workers
        )
        varnish = start_varnish(processes, directory, uncached, vcl)
        paths = endpoints(uncached)
        files = {}
        for number, (_, path) in enumerate(paths):
            headers, body = get_ok(uncached, path)
            extension = "json" if "json" in headers.get("Content-Type", "") else "html"
            files[f"{number}.{extension}"] = body
        nginx = start_nginx(processes, directory, files)
        modes = {"nginx": nginx, "uncached": uncached, "redis": cached, "varnish": varnish}
        size = data_set(uncached)

        results, varnish_misses = {}, []
        for (endpoint, path), static in zip(paths, files, strict=True):
            for mode, port in modes.items():
                target = f"/{static}" if mode == "nginx" else path
                get_ok(port, target)
                wrk(port, target, warmup)
                if mode == "varnish":
                    headers, _ = get_ok(port, target)
                    if headers.get("X-Cache") != "HIT":
                        varnish_misses.append(endpoint)
                try:
                    results[(endpoint, mode)] = parse_wrk(wrk(port, target, seconds))
                except BenchFailure as failure:
                    raise BenchFailure(f"{endpoint} ({mode}, {target}): {failure}") from None
                figures = results[(endpoint, mode)]
                print(
                    f"{endpoint:13} {mode:9} {figures.requests_per_second:9.1f} req/s  "
                    f"p50 {figures.p50_ms:8.2f} ms  p99 {figures.p99_ms:8.2f} ms",
                    flush=True,
                )

    threads, connections = setting("BENCH_THREADS", 2), setting("BENCH_CONNECTIONS", 16)
    endpoint_lines = "\n".join(f"- {name}: `{path}`" for name, path in paths)
    hits = (
        f"Not cached by Varnish (X-Cache after warm-up): {', '.join(varnish_misses)}"
        if varnish_misses
        else "Varnish answered every endpoint from its cache after the warm-up (X-Cache: HIT)."
    )
    return f"""Machine: {CORES} cores, {cpu_model()}; {database_kind()}; data: {size}.
gunicorn: {workers} sync workers; wrk: {threads} threads, {connections} connections, \
{seconds} s per figure after {warmup} s of warm-up, on the same machine.

{table(results, "nginx")}

{RATIO_NOTE} {hits}

{endpoint_lines}
"""


def run_and_report(run, results_file, prefix="usdg-bench-"):
    """Run a benchmark in a scratch directory, print its report and write it to results_file."""
    # A plain `kill` stops the servers too: SIGTERM unwinds like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        report = run(directory)
    except BenchFailure as failure:
        sys.exit(f"Benchmark failed: {failure}")
    except KeyboardInterrupt:
        sys.exit("Benchmark interrupted; every server it started is stopped.")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    print("\n" + report)
    results_file.write_text(report)
    print(f"Written to {results_file.name}")


def main():
    run_and_report(run, RESULTS_FILE)


if __name__ == "__main__":
    main()
