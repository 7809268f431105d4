"""Route sweep: every URL pattern, filled with unknown, malformed and hostile values, answers
without a server error, anonymously and as a city member; API errors are JSON, others HTML.

Walks get_resolver(): our routes, the API, feeds, open data, certification, My City, accounts,
search, interaction, documents, Wagtail's page serving (unknown paths, and a live page of each
type with hostile query parameters), the admin's own routes and the index pages of its
sections; the routes under the language prefix in each of the six languages. GET everywhere,
and POST with hostile form data wherever a route takes it. It prints how many routes and
requests it tried.
"""

import itertools
import re
import time
from collections import Counter

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern

from wagtail.models import Page

import pytest

from knowledge.models import CityPage, InitiativePage

from ..knowledge.members import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.sweep]

LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]
NUMBERS = ["0", "999999999", "9" * 30, "abc", "-1"]
TEXTS = [
    "unknown-thing",
    "..",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "x" * 10_000,
    "SDGC-2026-999999",
    "%E2%80%AE%F0%9F%92%A5",
    "%2e%2e",
]
# Deliberate server errors: Wagtail's page for testing error reporting.
SKIPPED_NAMES = {"wagtailadmin_error_test"}
HOSTILE_FORM = {
    "username": "u" * 300,
    "password": "p" * 2000,
    "email": "a" * 300 + "@example.org",
    "name": "n" * 10_000,
    "title": "t" * 10_000,
    "subject": "a\r\nBcc: victim@example.org",
    "message": "m" * 10_000,
    "language": "e\x00n",
    "status": "../",
    "number": "../",
    "code": "%00",
    "token": "../",
    "next": "//evil.example.org/",
    "stamp": "forged",
    "page": "abc",
    "id": "abc",
    "date": "2026-13-45",
    "body": "\x00",
    "reason": "r" * 10_000,
    "kind": "../",
    "city": "abc",
    "members": ["abc", "999999"],
    "applications": ["abc"],
    "deadline": "yesterday",
    "spot_check_share": "NaN",
    "new_password1": "x",
    "new_password2": "y",
}
# The forms of initiative pages carry a prefix.
HOSTILE_FORM.update(
    {
        f"{prefix}-{name}": value
        for prefix, (name, value) in itertools.product(
            ("comment", "contact", "replication"), list(HOSTILE_FORM.items())
        )
    }
)
HOSTILE_QUERY = {
    "page": "abc",
    "q": " ".join(["word"] * 300),
    "sdg": "../",
    "theme": "x" * 2000,
    "year": "99999999999999999999",
    "sort": "%00",
    "offset": "-1",
    "limit": "abc",
    "locale": "xx",
    "type": "wagtailcore.Page",
    "start_after": "2026-13-45",
    "upcoming": "maybe",
    "fields": "*,-id,../",
    "order": "-",
}


def _groups(regex):
    """The regex with each top-level group replaced by {}, and anchors dropped."""
    out, depth, escaped = [], 0, False
    for character in regex.strip("^$"):
        if escaped:
            escaped = False
            if depth == 0:
                out.append(character)
            continue
        if character == "\\":
            escaped = True
            if depth == 0:
                out.append(character)
            continue
        if character == "(":
            if depth == 0:
                out.append("{}")
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0:
            out.append(character)
    return "".join(out).replace("\\", "")


def routes():
    """[(template, name, i18n, methods)]: templates have {lang}, {int} and {text} slots. The
    admin's own routes with GET and POST; of the admin sections it includes, the routes without
    parameters (their index pages), with GET."""
    found = []

    def walk(resolver, parts, i18n, admin_level):
        # admin_level: 0 outside the admin, 1 for the admin's own routes, 2+ in its sections.
        for entry in resolver.url_patterns:
            pattern = entry.pattern
            if isinstance(pattern, LocalePrefixPattern):
                piece, i18n_here = "{lang}/", True
            elif isinstance(pattern, RegexPattern):
                piece, i18n_here = _groups(str(pattern)).replace("{}", "{text}"), i18n
            else:
                converted = re.sub(
                    r"<(?:(\w+):)?\w+>",
                    lambda m: "{int}" if m.group(1) == "int" else "{text}",
                    str(pattern),
                )
                piece, i18n_here = converted, i18n
            if isinstance(entry, URLResolver):
                inner = admin_level + 1 if admin_level or piece == "admin/" else 0
                walk(entry, [*parts, piece], i18n_here, inner)
            elif isinstance(entry, URLPattern) and entry.name not in SKIPPED_NAMES:
                template = "/" + "".join([*parts, piece])
                if admin_level < 2:
                    found.append((template, entry.name, i18n_here, ("get", "post")))
                elif "{" not in template:
                    found.append((template, entry.name, i18n_here, ("get",)))

    walk(get_resolver(), [], False, 0)
    return found


def fillings(template, i18n, numbers):
    """Paths for one route: each hostile value once, in turn in every language."""
    has_int, has_text = "{int}" in template, "{text}" in template
    count = max(
        len(numbers) if has_int else 1,
        len(TEXTS) if has_text else 1,
        len(LANGUAGES) if i18n else 1,
    )
    paths = []
    for n in range(count):
        path = template.replace("{lang}", LANGUAGES[n % len(LANGUAGES)])
        path = path.replace("{int}", numbers[n % len(numbers)])
        paths.append(path.replace("{text}", TEXTS[n % len(TEXTS)]))
    return paths


def sample_pages():
    """One live page of each type in each language, to request with hostile parameters."""
    chosen = {}
    for page in Page.objects.live().specific().order_by("pk"):
        key = (type(page), page.locale_id)
        if key not in chosen and page.url:
            chosen[key] = page.url
    return sorted(chosen.values())


def check(response, path, problems, method, who):
    status = response.status_code
    kind = response.get("Content-Type", "")
    if status >= 500:
        problems.append(f"{who} {method} {path[:150]}: {status}")
    elif status >= 400 and response.content:
        if path.startswith("/api/"):
            expected = ("application/json",)
        elif path.startswith("/admin/"):
            # Wagtail's admin answers its scripts (choosers, its own API) in JSON.
            expected = ("text/html", "application/json")
        else:
            expected = ("text/html",)
        if not kind.startswith(expected) and not (status == 429 and "text/plain" in kind):
            problems.append(f"{who} {method} {path[:150]}: {status} as {kind}")


def test_no_route_answers_with_a_server_error(demo_content, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    city = CityPage.objects.get(slug="seoul", locale__language_code="en")
    member = make_member(city, "sweep@seoul.example.org")
    other_initiative = InitiativePage.objects.filter(locale__language_code="en").exclude(
        city__translation_key=city.translation_key
    )[0]
    # A real id too: another city's initiative, which the member may not touch.
    numbers = [*NUMBERS, str(other_initiative.pk)]
    visitor, member_client = Client(), Client()
    for client in (visitor, member_client):
        client.raise_request_exception = False
    member_client.force_login(member)

    templates = routes()
    page_urls = sample_pages()
    problems, statuses, requests = [], Counter(), 0
    started = time.monotonic()
    for (template, name, i18n, methods), (who, client) in itertools.product(
        templates, [("visitor", visitor), ("member", member_client)]
    ):
        for n, path in enumerate(fillings(template, i18n, numbers)):
            for method in methods:
                if method == "post" and name in {"logout", "wagtailadmin_logout"}:
                    continue
                # Every other GET carries hostile query parameters too.
                query = HOSTILE_QUERY if n % 2 else {}
                kwargs = {"data": HOSTILE_FORM if method == "post" else query}
                response = getattr(client, method)(path, **kwargs)
                requests += 1
                statuses[response.status_code] += 1
                check(response, path, problems, method.upper(), who)
                if who == "member" and "_auth_user_id" not in client.session:
                    client.force_login(member)
    for url, (who, client) in itertools.product(
        page_urls, [("visitor", visitor), ("member", member_client)]
    ):
        response = client.get(url, HOSTILE_QUERY)
        requests += 1
        statuses[response.status_code] += 1
        check(response, url, problems, "GET", who)
    seconds = time.monotonic() - started

    under_language = sum(1 for _template, _name, i18n, _methods in templates if i18n)
    print(
        f"\nRoute sweep: {len(templates)} URL patterns ({under_language} under the language "
        f"prefix, each in the {len(LANGUAGES)} languages), {len(page_urls)} live pages with "
        f"hostile parameters; {requests} requests in {seconds:.0f} s; "
        f"answers {dict(sorted(statuses.items()))}"
    )
    assert not problems, "Server errors or wrong content types:\n" + "\n".join(problems)
