"""The client's address through the trusted proxies, and every per-address feature reading it."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

import pytest

from cms.client import ClientAddressFilter, client_ip

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VARNISH = "127.0.0.1"


@pytest.fixture
def behind_varnish(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"


def address(remote, forwarded=None, header="HTTP_X_FORWARDED_FOR"):
    extra = {header: forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_the_header_is_read_only_from_a_trusted_proxy(behind_varnish):
    assert address(VARNISH, "203.0.113.9") == "203.0.113.9"
    # Anyone else may send the header: it says nothing.
    assert address("198.51.100.1", "203.0.113.9") == "198.51.100.1"


def test_the_client_is_the_right_most_address_that_is_not_a_proxy(behind_varnish):
    # The client wrote the first address itself; the load balancer (10.…) appended the client's.
    assert address(VARNISH, "1.2.3.4, 203.0.113.9, 10.0.0.5") == "203.0.113.9"
    assert address("10.0.0.5", "192.0.2.1, 2001:db8::7") == "2001:db8::7"
    assert address(VARNISH, "[2001:db8::7]:4711") == "2001:db8::7"
    assert address(VARNISH, "203.0.113.9:443") == "203.0.113.9"
    # Only proxies in the chain: the left-most one.
    assert address(VARNISH, "10.0.0.9, 10.0.0.5") == "10.0.0.9"


def test_malformed_or_missing_headers_fall_back_to_the_last_trusted_hop(behind_varnish):
    assert address(VARNISH) == VARNISH
    assert address(VARNISH, "") == VARNISH
    assert address(VARNISH, "not-an-address") == VARNISH
    assert address(VARNISH, "203.0.113.9, garbage, 10.0.0.5") == "10.0.0.5"


def test_x_real_ip_is_read_the_same_way(settings):
    settings.TRUSTED_PROXIES = [VARNISH]
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert address(VARNISH, "203.0.113.9", header="HTTP_X_REAL_IP") == "203.0.113.9"
    assert address(VARNISH, "203.0.113.9") == VARNISH  # X-Forwarded-For is not the header
    assert address("198.51.100.1", "203.0.113.9", header="HTTP_X_REAL_IP") == "198.51.100.1"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert address(VARNISH, "203.0.113.9") == VARNISH


def test_request_rate_limits_count_each_client_behind_the_proxy(client, settings, behind_varnish):
    settings.RATE_LIMIT_API = "2/m"
    alice = {"REMOTE_ADDR": VARNISH, "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    bob = {"REMOTE_ADDR": VARNISH, "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    for _ in range(2):
        assert client.get("/api/v2/sdgs/", **alice).status_code == 200
    assert client.get("/api/v2/sdgs/", **alice).status_code == 429
    # Bob, behind the same Varnish, has his own count.
    assert client.get("/api/v2/sdgs/", **bob).status_code == 200
    # A forged header from outside counts against the sender's own address.
    forged = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    assert client.get("/api/v2/sdgs/", **forged).status_code == 200


def test_log_records_name_the_client(behind_varnish, caplog):
    request = RequestFactory().get(
        "/", REMOTE_ADDR=VARNISH, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.5"
    )
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Bad", (), None)
    record.request = request
    ClientAddressFilter().filter(record)
    assert record.client_ip == "203.0.113.9"

    outside = logging.LogRecord("cms", logging.INFO, "", 0, "Started", (), None)
    ClientAddressFilter().filter(outside)
    assert outside.client_ip == "-"


def test_log_records_during_a_request_name_its_client(client, behind_varnish, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/api/v2/nowhere/", REMOTE_ADDR=VARNISH, HTTP_X_FORWARDED_FOR="203.0.113.9")
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert ClientAddressFilter().filter(record)
    assert record.client_ip == "203.0.113.9"


def settings_of(env):
    """Settings read in a fresh process with these environment variables."""
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CLIENT_IP_HEADER, s.TRUSTED_PROXIES)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_deprecated_variable_still_names_the_header_trusted_from_this_machine():
    assert settings_of({"RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP"}) == (
        "X-REAL-IP ['127.0.0.0/8', '::1']"
    )
    assert settings_of(
        {"CLIENT_IP_HEADER": "X-Forwarded-For", "TRUSTED_PROXIES": "10.1.0.0/16, 10.2.0.3"}
    ) == ("X-Forwarded-For ['10.1.0.0/16', '10.2.0.3']")


def test_a_malformed_proxy_list_stops_the_start():
    with pytest.raises(subprocess.CalledProcessError) as error:
        settings_of({"TRUSTED_PROXIES": "varnish.internal"})
    assert "TRUSTED_PROXIES must be IP addresses or networks" in error.value.stderr
