"""The leak matrix: every state that must keep a thing from the public, in every language, against
every public surface. Used directly, through the application cache and through Varnish
(tests/cms/test_leak_matrix.py, tests/cms/test_varnish.py).

Some states exist from the start (a draft, a page in moderation…). Others are reached from a
public state (unpublishing, a view restriction, hiding a comment…): `build()` makes them public,
the caller reads every surface so that caches hold the public copies, then `hide()` moves them
to their hidden state and the caller reads again, right after the purges.
"""

from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from django.contrib.auth.models import Group

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, TaskState

from knowledge.community import services
from knowledge.initiatives.moderation import decline_initiative, submit_for_moderation
from knowledge.members import membership as members
from knowledge.models import CityPage, InitiativeComment, InitiativeDecision, InitiativePage
from knowledge.opendata import files as opendata
from pages.models import HomePage
from tests.conftest import LANGUAGE_CODES
from tests.factories import InitiativePageFactory, StandardPageFactory
from tests.knowledge.members import make_member, make_moderator

MARK = "Matrixleak"
# States hidden from the start, and states reached later from a public one.
HIDDEN_AT_ONCE = ("draft", "moderation", "pending", "declined", "declinedrevision")
HIDDEN_LATER = ("unpublished", "login", "password", "group", "source", "ancestor")
COMMENTS = ("hiddencomment", "reportedcomment")


def text(code, state):
    return f"{MARK} {code} {state}"


@dataclass
class Matrix:
    pages: dict = field(default_factory=dict)  # (code, state) -> page
    visible: dict = field(default_factory=dict)  # code -> a live page that must be found
    comments: list = field(default_factory=list)
    uploads: list = field(default_factory=list)
    comment_page: InitiativePage = None
    moderator: object = None
    reporters: list = field(default_factory=list)

    def hidden_texts(self, later=True):
        states = HIDDEN_AT_ONCE + (HIDDEN_LATER if later else ())
        texts = [text(code, state) for code in LANGUAGE_CODES for state in states]
        return texts + ([text("all", state) for state in COMMENTS] if later else [])


def _translate(page, code):
    """Translate `page` into `code` with wagtail-localize and publish the translation."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(page)
    locale = Locale.objects.get(language_code=code)
    Translation.objects.create(source=source, target_locale=locale).save_target(publish=False)
    target = Page.objects.get(translation_key=page.translation_key, locale=locale)
    target.get_latest_revision().publish()
    return target.specific


def _initiative(matrix, code, city, state, live, title=None):
    title = title or text(code, state)
    page = InitiativePageFactory(parent=city, title=title, live=live, sdgs=[11])
    matrix.pages[code, state] = page
    return page


def build():
    matrix = Matrix()
    matrix.moderator = make_moderator("matrix-moderator")
    for code in LANGUAGE_CODES:
        city = CityPage.objects.get(slug="quito", locale__language_code=code)
        member = make_member(city, f"matrix-{code}@quito.example.org")
        pages = matrix.pages
        initiative = partial(_initiative, matrix, code, city)

        collection = members.ensure_city_group(city).collection
        for state in ("draft", "moderation"):
            page = initiative(state, live=False)
            # An upload of the unpublished submission, in the city's private collection.
            upload = get_image_model().objects.create(
                title=f"{text(code, state)} upload",
                file=get_test_image_file(filename=f"{code}-{state}.png"),
                collection=collection,
            )
            page.image = upload
            page.save_revision(user=member)
            matrix.uploads.append(upload)
        submit_for_moderation(matrix.pages[code, "moderation"], member)
        pending = initiative("pending", live=True, title=f"Visible {code} pending")
        pending.title = text(code, "pending")
        pending.save_revision()
        InitiativeDecision.objects.create(
            page=initiative("declined", live=False), reason="Out of scope"
        )
        changed = initiative("declinedrevision", live=True, title=f"Visible {code} changed")
        changed.title = text(code, "declinedrevision")
        changed.save_revision(user=member)
        state = submit_for_moderation(changed, member)
        task_state = TaskState.objects.get(workflow_state=state, status="in_progress")
        decline_initiative(task_state, matrix.moderator, "Not sourced")

        for state in ("unpublished", "login", "password", "group"):
            initiative(state, live=True)
        # Published in another language, translated into this one: made private at the source.
        other = "fr" if code == "en" else "en"
        source_city = CityPage.objects.get(slug="quito", locale__language_code=other)
        source = InitiativePageFactory(
            parent=source_city, title=text(code, "source"), live=True, sdgs=[11]
        )
        pages[code, "sourcepage"] = source
        pages[code, "source"] = _translate(source, code)
        home = HomePage.objects.get(locale__language_code=code)
        section = StandardPageFactory(parent=home, title=f"Section {code}", slug=f"matrix-{code}")
        pages[code, "section"] = section
        pages[code, "ancestor"] = StandardPageFactory(
            parent=section, title=text(code, "ancestor"), slug=f"matrix-under-{code}"
        )
        matrix.visible[code] = initiative("visible", live=True, title=f"Visible {code} control")

    # Comments show on every translation of the initiative they are about.
    page = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    matrix.comment_page = page
    author = make_member(page.get_parent().specific, "matrix-author@milan.example.org")
    for state in COMMENTS:
        comment = services.post_comment(page, author, text("all", state), "en")
        services.moderate(comment, matrix.moderator, InitiativeComment.Status.PUBLISHED)
        matrix.comments.append(comment)
    city = CityPage.objects.get(slug="seoul", locale__language_code="en")
    matrix.reporters = [make_member(city, f"reporter{n}@seoul.example.org") for n in range(3)]
    return matrix


def hide(matrix):
    """Move the public things of the matrix to their hidden states."""
    hide_comments(matrix)
    hide_pages(matrix)


def hide_comments(matrix):
    """A comment hidden by a moderator, and one hidden by members' reports."""
    hidden, reported = matrix.comments
    services.moderate(hidden, matrix.moderator, InitiativeComment.Status.HIDDEN)
    for reporter in matrix.reporters:
        services.report_comment(reported, reporter, "spam")


def comment_leaks(matrix, get):
    """The comment texts that still show on the initiative's pages, in any language."""
    found = []
    for code in LANGUAGE_CODES:
        path = surfaces(matrix, code)[5][0]
        _, body = read(get, path, {})
        found += [(text("all", state), path) for state in COMMENTS if text("all", state) in body]
    return found


def hide_pages(matrix):
    """Unpublished, private by login, password and group, private at the source, and below a
    private section."""
    moderators = Group.objects.get(name="Moderators")
    for code in LANGUAGE_CODES:
        pages = matrix.pages
        Page.objects.get(pk=pages[code, "unpublished"].pk).unpublish()
        PageViewRestriction.objects.create(page=pages[code, "login"], restriction_type="login")
        PageViewRestriction.objects.create(
            page=pages[code, "password"], restriction_type="password", password="secret"
        )
        group = PageViewRestriction.objects.create(
            page=pages[code, "group"], restriction_type="groups"
        )
        group.groups.set([moderators])
        PageViewRestriction.objects.create(page=pages[code, "sourcepage"], restriction_type="login")
        PageViewRestriction.objects.create(page=pages[code, "section"], restriction_type="login")
    opendata.export()


def surfaces(matrix, code):
    """(address, query) of every public surface of one language."""
    prefix = f"/{code}"
    city = CityPage.objects.get(slug="quito", locale__language_code=code)
    comment_page = InitiativePage.objects.get(
        translation_key=matrix.comment_page.translation_key, locale__language_code=code
    )
    source_page = matrix.pages[code, "sourcepage"]
    requests = [
        (f"{prefix}/", {}),
        (f"{prefix}/initiatives/", {}),
        (f"{prefix}/initiatives/", {"q": MARK}),
        (f"{prefix}/initiatives/", {"sdg": "11"}),
        (urlsplit(city.url).path, {}),
        (urlsplit(comment_page.url).path, {}),
        (f"{prefix}/sdgs/11/", {}),
        (f"{prefix}/search/", {"q": MARK}),
        (f"{prefix}/search/suggest/", {"q": MARK}),
        (f"{prefix}/events/", {}),
        (f"{prefix}/events/calendar/", {}),
        (f"{prefix}/certification/", {}),
        (f"{prefix}/certification/verify/", {}),
        ("/api/v2/pages/", {"locale": code, "fields": "*", "limit": 100, "order": "-id"}),
        ("/api/v2/pages/", {"locale": code, "search": MARK, "limit": 100}),
        ("/api/v2/pages/", {"locale": code, "child_of": city.pk, "limit": 100}),
        ("/api/v2/pages/", {"locale": code, "translation_of": source_page.pk}),
        ("/api/v2/pages/", {"type": "knowledge.InitiativePage", "locale": code, "limit": 100}),
        (f"/api/v2/pages/{comment_page.pk}/", {}),
        ("/api/v2/search/", {"q": MARK, "locale": code}),
        ("/api/v2/images/", {"search": MARK}),
        ("/api/v2/documents/", {"search": MARK}),
        ("/api/v2/certificates/", {"locale": code}),
    ]
    for kind in ("initiatives", "events", "webinars"):
        requests += [(f"{prefix}/feeds/{kind}.rss", {}), (f"{prefix}/feeds/{kind}.atom", {})]
    return requests


def own_addresses(matrix, code):
    """The hidden pages' own addresses: their HTML, API detail and find-by-path."""
    requests = []
    for state in HIDDEN_AT_ONCE + HIDDEN_LATER:
        page = matrix.pages[code, state]
        path = urlsplit(Page.objects.get(pk=page.pk).specific.url or "/").path
        requests += [
            (path, {}),
            (f"/api/v2/pages/{page.pk}/", {}),
            ("/api/v2/pages/find/", {"html_path": path}),
        ]
    return requests


def upload_addresses(matrix):
    """The file addresses of the unpublished submissions' uploads: the stored file, a rendition,
    and where public media would be."""
    requests = []
    for upload in matrix.uploads:
        requests.append((urlsplit(upload.file.url).path, {}))
        requests.append((urlsplit(upload.get_rendition("fill-100x100").url).path, {}))
        requests.append((f"/media/original_images/{upload.file.name.rsplit('/', 1)[-1]}", {}))
    return requests


SITE_WIDE = [
    ("/sitemap.xml", {}),
    ("/opendata/initiatives.json", {}),
    ("/opendata/initiatives.csv", {}),
]


def read(get, path, query):
    """`get(path, query)` answers (status, body text)."""
    status, body = get(path, query)
    assert status < 500, (path, query, status)
    return status, body


def warm(matrix, get):
    """Read every surface, so that caches hold copies; the things hidden later are still shown."""
    leaks(matrix, get, later=False)
    for code in LANGUAGE_CODES:
        _, body = read(get, "/api/v2/pages/", surfaces(matrix, code)[13][1])
        for state in ("unpublished", "login", "password", "group", "source"):
            assert text(code, state) in body, (code, state)
        _, body = read(get, surfaces(matrix, code)[5][0], {})
        assert text("all", "hiddencomment") in body, code


def leaks(matrix, get, later=True):
    """Every (text, address) where something hidden shows; an empty list is the goal."""
    found = []
    hidden = matrix.hidden_texts(later)
    for code in LANGUAGE_CODES:
        for path, query in surfaces(matrix, code) + SITE_WIDE:
            _, body = read(get, path, query)
            found += [(hidden_text, path, query) for hidden_text in hidden if hidden_text in body]
        if later:
            for path, query in own_addresses(matrix, code):
                status, body = read(get, path, query)
                if status == 200:
                    found += [(h, path, query) for h in hidden if h in body]
        # The reads did look at this language: its control page is listed.
        _, body = read(get, "/api/v2/pages/", surfaces(matrix, code)[13][1])
        assert f"Visible {code} control" in body, code
    for path, query in upload_addresses(matrix) if later else ():
        status, _ = read(get, path, query)
        if status == 200:
            found.append(("upload file", path, query))
    return found
