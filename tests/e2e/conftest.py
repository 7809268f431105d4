"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Flags that keep Chromium off the network it cannot reach here, and working as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
CSP_MESSAGE = "Content Security Policy"
CSP_VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    const what = `${event.violatedDirective} ${event.blockedURI}`;
    console.error(`Content Security Policy violation: ${what}`);
});
"""
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def live_demo(live_server):
    """The live server with the demo content loaded (committed, so the server thread sees it)."""
    call_command("load_demo_content", stdout=StringIO())
    return live_server


@pytest.fixture
def page(live_demo, request):
    """A browser page, opened once the database is ready.

    Playwright's sync API runs an event loop in the test thread while it is open, so the browser
    starts only after the database set-up of the test, and closes before its teardown.
    """
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # The database calls the test itself makes are still synchronous.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
        # Every Content-Security-Policy violation fails the test: Chromium logs each to the
        # console, and the page reports each as an event (logged here too, with its directive).
        context.add_init_script(CSP_VIOLATION_LISTENER)
        page = context.new_page()
        violations = []
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}")
                if CSP_MESSAGE in message.text
                else None
            ),
        )
        yield page
        if os.environ.get("E2E_SCREENSHOTS"):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        browser.close()
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(sorted(set(violations))))
