"""Accessibility gate: axe-core and the Nu Html Checker over one page of every page type, every
public form and the My City pages, in all six languages. (The comment, contact and replication
forms are part of the initiative and city pages checked here.)

axe-core runs inside Chromium (tests/e2e/assets/axe-core, the npm registry's axe-core package with
its licence). Its colour-contrast rule cannot judge Arabic or Chinese glyphs, so on those pages
the text is swapped for Latin stand-ins of the same length and colour contrast is checked again.
vnu (scripts/fetch-vnu) checks the HTML as served. Both must find nothing; the counts are printed
and the full report is written to test-artifacts/accessibility.json.
"""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page

import pytest

from knowledge.models import CityPage, InitiativePage
from tests.e2e.conftest import ARTIFACTS
from tests.knowledge.members import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A11Y_LANGUAGES=en,ar narrows a run while fixing; the gate itself checks all six.
LANGUAGES = os.environ.get("A11Y_LANGUAGES", "en,ar,es,fr,ru,zh-hans").split(",")
AXE = (Path(__file__).parent / "assets" / "axe-core" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
REPORT = ARTIFACTS / "accessibility.json"

# Every text node outside scripts becomes Latin letters of the same length, spaces kept.
LATIN_STAND_INS = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const filler = "Lorem ipsum dolor sit amet consectetur adipiscing elit ";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || ["SCRIPT", "STYLE"].includes(parent.tagName)) continue;
        let index = 0;
        node.textContent = node.textContent.replace(/\\S/g, () => filler[index++ % 20]);
    }
    document.documentElement.lang = "en";
    document.documentElement.dir = "ltr";
}"""


def vnu_jar():
    jar = os.environ.get("VNU_JAR")
    if jar:
        return jar
    script = Path(__file__).resolve().parents[2] / "scripts" / "fetch-vnu"
    if not shutil.which("java") or not shutil.which("npm"):
        return None
    return subprocess.run(
        ["bash", str(script)], check=True, capture_output=True, text=True
    ).stdout.strip()


def page_types(language):
    """One live page of every page type in this language, and the SDG goal route."""
    locale = Locale.objects.get(language_code=language)
    urls = {}
    for page in Page.objects.live().public().filter(locale=locale).specific().order_by("path"):
        if page.depth > 1:
            urls.setdefault(type(page).__name__, page.url)
    urls["SDGGoal"] = urls["SDGIndexPage"] + "11/"
    return list(urls.values())


def public_forms(language):
    with translation.override(language):
        return [
            reverse("search") + "?q=water",
            reverse("certification:index"),
            reverse("certification:verify_form"),
            reverse("login"),
            reverse("my_city:register"),
            reverse("my_city:resend_confirmation"),
            reverse("password_reset"),
        ]


def member_pages(language, initiative):
    with translation.override(language):
        return [
            reverse("my_city:dashboard"),
            reverse("my_city:initiative_add"),
            reverse("my_city:handover"),
            reverse("my_city:email_change"),
            reverse("delete_account"),
        ] + [
            # Signed in, an initiative of another city offers the replication form.
            localized(initiative, language).url,
        ]


def localized(page, language):
    return page.get_translation(Locale.objects.get(language_code=language))


def axe_run(browser_page, rules=None):
    browser_page.evaluate(AXE)
    options = (
        {"runOnly": {"type": "rule", "values": rules}}
        if rules
        else {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    )
    # Details of violations only: the passes are not read, and collecting them is slow.
    options["resultTypes"] = ["violations"]
    result = browser_page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "nodes": [
                {"target": node["target"], "summary": node["failureSummary"]}
                for node in violation["nodes"]
            ],
        }
        for violation in result["violations"]
    ]


def check(browser_page, base, url, language, report, sources, signed_in=False):
    response = browser_page.goto(base + url)
    key = f"{url} (signed in)" if signed_in else url
    if response.status != 200:
        report["http"].append(f"{key}: {response.status}")
    sources[key] = response.text()
    violations = axe_run(browser_page)
    if language in ("ar", "zh-hans"):
        browser_page.evaluate(LATIN_STAND_INS)
        for violation in axe_run(browser_page, ["color-contrast"]):
            violation["rule"] += " (Latin stand-ins)"
            violations.append(violation)
    report["axe"][key] = violations


def sign_in(browser_page, base, email):
    browser_page.goto(f"{base}/en/accounts/login/")
    browser_page.fill("#id_username", email)
    browser_page.fill("#id_password", PASSWORD)
    browser_page.locator("main form button[type=submit]").click()
    browser_page.wait_for_url("**/en/my-city/")


def run_vnu(sources):
    jar = vnu_jar()
    if jar is None:
        message = "vnu needs java and npm (scripts/fetch-vnu)"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    folder = ARTIFACTS / "vnu-pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    names = {}
    for index, (url, html) in enumerate(sorted(sources.items())):
        path = folder / f"{index:03d}.html"
        path.write_text(html)
        names[path.resolve().as_uri()] = url
    result = subprocess.run(
        ["java", "-jar", jar, "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        {"url": names.get(message.get("url"), message.get("url")), "message": message["message"]}
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


def test_axe_and_vnu_find_nothing_in_any_language(live_demo, page):
    started = time.monotonic()
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    elsewhere = InitiativePage.objects.live().filter(locale__language_code="en")
    initiative = elsewhere.exclude(path__startswith=seoul.path).first()
    user = make_member(seoul, "gate@seoul.example.org", name="Gate")

    report = {"axe": {}, "vnu": [], "http": []}
    sources = {}
    base = live_demo.url
    for language in LANGUAGES:
        for url in page_types(language) + public_forms(language):
            check(page, base, url, language, report, sources)
    sign_in(page, base, user.email)
    for language in LANGUAGES:
        for url in member_pages(language, initiative):
            check(page, base, url, language, report, sources, signed_in=True)
    report["vnu"] = run_vnu(sources)

    axe_count = sum(len(v["nodes"]) for vs in report["axe"].values() for v in vs)
    report["summary"] = {
        "pages": len(report["axe"]),
        "axe_violations": axe_count,
        "vnu_errors": len(report["vnu"]),
        "seconds": round(time.monotonic() - started),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        f"\naccessibility gate: {len(report['axe'])} pages, axe {axe_count} violations, "
        f"vnu {len(report['vnu'])} errors ({report['summary']['seconds']} s); see {REPORT}"
    )
    assert not report["http"], report["http"]
    failures = {url: vs for url, vs in report["axe"].items() if vs}
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)[:6000]
    assert not report["vnu"], json.dumps(report["vnu"], indent=1, ensure_ascii=False)[:6000]
