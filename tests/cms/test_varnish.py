"""Varnish in front of the live server, with the configuration shipped in deploy/varnish: after
a publish, unpublish, move or delete, the next read through Varnish is the new content, for the
page itself and for the listings and API responses that include it."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from wagtail.models import Page

import pytest

from knowledge.models import CityPage, InitiativePage
from tests.factories import InitiativePageFactory

VARNISHD = Path(os.environ.get("VARNISHD_PATH", "/usr/sbin/varnishd"))
VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
LISTING = "/api/v2/pages/?type=knowledge.InitiativePage&locale=en&limit=100&fields=city"

# Transactional, so the live server thread sees the data; serialized_rollback restores the demo.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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

    def get(self, path, **headers):
        request = Request(self.base + path, headers={"Host": self.host, **headers})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def varnish(live_server, settings):
    if not VARNISHD.exists():
        message = f"varnishd not found at {VARNISHD} (apt-get install varnish)"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    workdir = Path(tempfile.mkdtemp(prefix="usdg-varnish-"))
    backend_port = urlsplit(live_server.url).port
    vcl = workdir / "test.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [str(VARNISHD), "-F", "-j", "none", "-n", str(workdir / "state"),
         "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,64m"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "cms.frontend_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
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


def _hit_twice(varnish, path):
    varnish.get(path)
    second = varnish.get(path)
    assert second[0] == 200, (path, second[0])
    assert second[1]["X-Cache"] == "HIT", path
    assert "X-Cache-Tags" not in second[1]
    return second[2]


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
