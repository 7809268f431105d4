"""Varnish in front of the live server, with the configuration shipped in deploy/varnish: after
a publish, unpublish, move or delete, the next read through Varnish is the new content, for the
page itself and for the listings and API responses that include it."""

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer as ThreadingWSGIServer

from wagtail.models import Page

import pytest

from knowledge.models import CityPage, InitiativePage
from tests.factories import InitiativePageFactory

VARNISHD = Path(os.environ.get("VARNISHD_PATH", "/usr/sbin/varnishd"))
VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
LISTING = "/api/v2/pages/?type=knowledge.InitiativePage&locale=en&limit=100&fields=city"

# Transactional, so the live server thread sees the data; serialized_rollback restores the demo.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_content"),
    pytest.mark.varnish,
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Through:
    """An HTTP client that reads the site through Varnish, as a visitor of `host` would."""

    def __init__(self, port, host):
        self.base = f"http://127.0.0.1:{port}"
        self.host = host
        self.opener = build_opener(_NoRedirects)

    def get(self, path, raw=False, **headers):
        request = Request(self.base + path, headers={"Host": self.host, **headers})
        try:
            with self.opener.open(request, timeout=30) as response:
                status, found, body = response.status, dict(response.headers), response.read()
        except HTTPError as error:
            status, found, body = error.code, dict(error.headers), error.read()
        return status, found, body if raw else body.decode()


@contextmanager
def _varnish_in_front_of(backend_port, settings):
    """varnishd with the shipped VCL in front of `backend_port`; the app bans on it."""
    if not VARNISHD.exists():
        message = f"varnishd not found at {VARNISHD} (apt-get install varnish)"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    workdir = Path(tempfile.mkdtemp(prefix="usdg-varnish-"))
    vcl = workdir / "test.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [str(VARNISHD), "-F", "-j", "none", "-n", str(workdir / "state"),
         "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,64m"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    settings.VARNISH_URLS = [f"http://127.0.0.1:{port}"]
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"varnishd stopped: {process.stdout.read().decode()}")
                time.sleep(0.1)
        site_host = urlsplit(Page.objects.get(depth=2, locale__language_code="en").full_url)
        yield Through(port, site_host.netloc)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def varnish(live_server, settings):
    with _varnish_in_front_of(urlsplit(live_server.url).port, settings) as through:
        yield through


def _hit_twice(varnish, path):
    varnish.get(path)
    second = varnish.get(path)
    assert second[0] == 200, (path, second[0])
    assert second[1]["X-Cache"] == "HIT", path
    assert "X-Cache-Tags" not in second[1]
    return second[2]


def _wait_for(condition, seconds):
    """How long `condition()` took to hold (or None if it did not within `seconds`)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.02)
    return None


def _titles(varnish):
    status, _, body = varnish.get(LISTING)
    assert status == 200
    return {item["title"]: item for item in json.loads(body)["items"]}


def test_reads_through_varnish_follow_publish_unpublish_move_and_delete(varnish):
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    other_city = CityPage.objects.filter(locale__language_code="en").exclude(pk=quito.pk).first()
    page = InitiativePageFactory(parent=quito, title="Varnish original", sdgs=[11])
    bystander = (
        InitiativePage.objects.live().filter(locale__language_code="en").exclude(pk=page.pk).first()
    )
    detail = urlsplit(page.full_url).path
    api_detail = f"/api/v2/pages/{page.pk}/"

    assert "Varnish original" in _hit_twice(varnish, detail)
    assert '"Varnish original"' in _hit_twice(varnish, api_detail)
    assert "Varnish original" in _hit_twice(varnish, LISTING)
    assert "Varnish original" in _hit_twice(varnish, "/en/initiatives/")
    _hit_twice(varnish, urlsplit(bystander.full_url).path)
    # Signed-in readers are never served from the cache.
    assert varnish.get(detail, Cookie="sessionid=abc")[1]["X-Cache"] == "MISS"

    page.title = "Varnish revised"
    page.save_revision().publish()
    newcomer = InitiativePageFactory(parent=quito, title="Varnish newcomer", sdgs=[11])

    status, headers, body = varnish.get(detail)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    assert "Varnish revised" in body and "Varnish original" not in body
    assert '"Varnish revised"' in varnish.get(api_detail)[2]
    assert {"Varnish revised", "Varnish newcomer"} <= set(_titles(varnish))
    assert "Varnish newcomer" in varnish.get("/en/initiatives/")[2]
    # Tags are precise: another initiative's page stays in the cache.
    assert varnish.get(urlsplit(bystander.full_url).path)[1]["X-Cache"] == "HIT"

    newcomer_path = urlsplit(newcomer.full_url).path
    _hit_twice(varnish, newcomer_path)
    newcomer.unpublish()
    assert varnish.get(newcomer_path)[0] == 404
    assert "Varnish newcomer" not in _titles(varnish)

    _hit_twice(varnish, detail)
    Page.objects.get(pk=page.pk).move(other_city, pos="last-child")
    status, headers, _ = varnish.get(detail)
    assert status == 301 and headers["Location"].endswith(f"/{other_city.slug}/{page.slug}/")
    assert _titles(varnish)["Varnish revised"]["city"]["id"] == other_city.pk

    _hit_twice(varnish, api_detail)
    Page.objects.get(pk=page.pk).delete()
    assert varnish.get(api_detail)[0] == 404
    assert "Varnish revised" not in _titles(varnish)


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PROJECT = Path(__file__).resolve().parents[2]


def _database_url():
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(*arguments, **environment):
    """`manage.py db_worker` in a process of its own, on the test database, as production runs
    it (dev settings: the database job queue)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _database_url(),
        **environment,
    }
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", *arguments]
    return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL)


def test_a_publication_is_fresh_at_once_while_the_worker_is_busy_with_3000_jobs(varnish, settings):
    from wagtail.tasks import update_reference_index_task

    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    page = InitiativePageFactory(parent=quito, title="Busy original", sdgs=[11])
    for _ in range(3000):
        update_reference_index_task.enqueue("wagtailcore", "page", page.pk)
    worker = _worker()
    try:
        detail = urlsplit(page.full_url).path
        assert "Busy original" in _hit_twice(varnish, detail)

        page.title = "Busy revised"
        page.save_revision().publish()
        took = _wait_for(lambda: "Busy revised" in varnish.get(detail)[2], seconds=5)

        assert took is not None and took < 1.0, took
        waiting = DBTaskResult.objects.filter(status="READY").count()
        assert waiting > 1000, waiting  # the worker was still busy with the index jobs
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_bans_sent_by_the_worker_reach_varnish(varnish, settings):
    from cms.tasks import ban_cache_tags

    settings.TASKS = DATABASE_TASKS
    page = InitiativePage.objects.live().filter(locale__language_code="en").first()
    detail = urlsplit(page.full_url).path
    _hit_twice(varnish, detail)

    ban_cache_tags.enqueue([f"page-{page.pk}"])
    worker = _worker("--batch", VARNISH_URLS=",".join(settings.VARNISH_URLS))
    assert worker.wait(timeout=120) == 0

    assert varnish.get(detail)[1]["X-Cache"] == "MISS"


def test_what_varies_and_what_does_not(varnish):
    page = InitiativePage.objects.live().filter(locale__language_code="en").first()
    detail = urlsplit(page.full_url).path
    api = f"/api/v2/pages/{page.pk}/"
    _hit_twice(varnish, detail)
    _hit_twice(varnish, api)

    # Other cookies and other Accept headers share the copy.
    assert varnish.get(detail, Cookie="_ga=GA1.2.3; theme=dark")[1]["X-Cache"] == "HIT"
    assert varnish.get(api, Accept="application/json")[1]["X-Cache"] == "HIT"
    assert varnish.get(api, Accept="application/json, */*;q=0.1")[1]["X-Cache"] == "HIT"
    # HTTP and HTTPS are kept apart: an http:// answer (a redirect) never reaches HTTPS readers.
    assert varnish.get(detail, **{"X-Forwarded-Proto": "https"})[1]["X-Cache"] == "MISS"
    assert varnish.get(detail, **{"X-Forwarded-Proto": "https"})[1]["X-Cache"] == "HIT"
    # The CSRF cookie of a form makes the page the reader's own.
    assert varnish.get(detail, Cookie="csrftoken=abc")[1]["X-Cache"] == "MISS"


def test_html_is_compressed(varnish):
    page = InitiativePage.objects.live().filter(locale__language_code="en").first()
    detail = urlsplit(page.full_url).path
    varnish.get(detail)

    status, headers, body = varnish.get(detail, raw=True, **{"Accept-Encoding": "gzip"})

    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert page.title in gzip.decompress(body).decode()
    assert "Content-Encoding" not in varnish.get(detail)[1]


def test_redirects_without_cache_headers_are_not_kept(varnish):
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    other = CityPage.objects.filter(locale__language_code="en").exclude(pk=quito.pk).first()
    page = InitiativePageFactory(parent=quito, title="Moving away", sdgs=[11])
    old = urlsplit(page.full_url).path
    Page.objects.get(pk=page.pk).move(other, pos="last-child")

    first = varnish.get(old)
    second = varnish.get(old)

    assert first[0] == second[0] == 301
    assert second[1]["X-Cache"] == "MISS"


def test_the_leak_matrix_through_varnish_right_after_the_purges(varnish):
    from urllib.parse import urlencode

    from . import leak_matrix

    def get(path, query):
        status, _, body = varnish.get(f"{path}?{urlencode(query)}" if query else path, raw=True)
        return status, body.decode("utf-8", errors="replace")

    matrix = leak_matrix.build()
    leak_matrix.warm(matrix, get)
    milan = leak_matrix.surfaces(matrix, "en")[5][0]
    assert varnish.get(milan)[1]["X-Cache"] == "HIT"

    leak_matrix.hide_comments(matrix)
    assert leak_matrix.comment_leaks(matrix, get) == []

    leak_matrix.hide_pages(matrix)
    assert leak_matrix.leaks(matrix, get) == []


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def test_the_https_redirect_never_reaches_https_readers(settings):
    """The app behind a TLS proxy redirects http:// to https:// (production's
    SECURE_SSL_REDIRECT); Varnish keeps the two apart and does not keep the redirect."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    application = WSGIHandler()  # its middleware reads the settings above
    server = make_server(
        "127.0.0.1", 0, application, server_class=ThreadingWSGIServer, handler_class=_QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with _varnish_in_front_of(server.server_port, settings) as varnish:
            plain = varnish.get("/en/", **{"X-Forwarded-Proto": "http"})
            assert plain[0] == 301 and plain[1]["Location"].startswith("https://")
            assert varnish.get("/en/", **{"X-Forwarded-Proto": "http"})[1]["X-Cache"] == "MISS"

            secure = varnish.get("/en/", **{"X-Forwarded-Proto": "https"})
            again = varnish.get("/en/", **{"X-Forwarded-Proto": "https"})

            assert secure[0] == again[0] == 200
            assert again[1]["X-Cache"] == "HIT"
            assert varnish.get("/en/", **{"X-Forwarded-Proto": "http"})[0] == 301
    finally:
        server.shutdown()
        server.server_close()
