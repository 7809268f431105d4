"""Errors are reported, and the error page claims so only when it is true: ADMINS mail through
the mail queue (once per kind of error), JSON log lines, and Sentry when SENTRY_DSN is set."""

import gzip
import json
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.conf import settings as django_settings
from django.test import RequestFactory

import brotli
import pytest
from bs4 import BeautifulSoup

from cms.error_reporting import JsonFormatter
from cms.views import server_error
from mailqueue.models import QueuedEmail
from pages.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_home(monkeypatch, client):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", fail)
    client.raise_request_exception = False
    return client


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def test_without_reporting_the_page_does_not_claim_anyone_was_told(broken_home, settings, homes):
    settings.ADMINS = []
    settings.SENTRY_DSN = ""

    response = broken_home.get("/en/")

    assert response.status_code == 500
    assert "has been told" not in text_of(response)
    assert "Please try again in a few minutes." in text_of(response)
    assert not QueuedEmail.objects.exists()


def test_admins_are_mailed_through_the_queue_once_per_kind_of_error(broken_home, settings, homes):
    settings.ADMINS = [("Operations", "ops@example.org")]

    first = broken_home.get("/en/")
    broken_home.get("/fr/")

    assert "The team has been told" in text_of(first)
    (report,) = QueuedEmail.objects.all()
    assert report.recipients == "ops@example.org"
    assert "Internal Server Error: /en/" in report.subject
    assert report.status == QueuedEmail.Status.SENT


def test_api_errors_are_json():
    request = RequestFactory().get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="fr")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(request)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "message": "Erreur du serveur. Veuillez réessayer dans quelques minutes."
    }


def test_json_log_lines_carry_the_request_and_the_exception():
    request = RequestFactory().get("/en/cities/")
    try:
        raise ValueError("bad value")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            ("/en/cities/",), sys.exc_info(),
        )  # fmt: skip
    record.request = request
    record.status_code = 500

    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /en/cities/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/en/cities/", 500)
    assert entry["exception"] == "builtins.ValueError"
    assert "bad value" in entry["traceback"]
    assert entry["time"].endswith("+00:00")


class SentryReceiver:
    """A Sentry-compatible ingestion endpoint that keeps the envelopes it is sent."""

    def __init__(self):
        self.envelopes = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                encoding = self.headers.get("Content-Encoding")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "br":
                    body = brotli.decompress(body)
                receiver.envelopes.append((self.path, body.decode("utf-8", "replace")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def dsn(self):
        return f"http://publickey@127.0.0.1:{self.server.server_address[1]}/42"


def test_with_a_sentry_dsn_errors_reach_the_service():
    receiver = SentryReceiver()
    script = (
        "import django, sentry_sdk\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "response = Client(raise_request_exception=False).get('/fr/')\n"
        "print(response.status_code, response['Retry-After'])\n"
        "sentry_sdk.flush(5)\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "SENTRY_DSN": receiver.dsn,
        # A database that cannot be reached: the request fails with 503.
        "DATABASE_URL": "sqlite:////nonexistent-usdg-sentry/db.sqlite3",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=django_settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        receiver.server.shutdown()

    assert result.stdout.split() == ["503", "30"], result.stderr
    paths = [path for path, _body in receiver.envelopes]
    assert "/api/42/envelope/" in paths
    assert any("OperationalError" in body for _path, body in receiver.envelopes)
