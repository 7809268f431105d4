"""Uploads of unpublished initiatives and certification evidence reach nobody but their city and
the moderators, by any address (the file URLs, renditions, document links and the guessable
public paths), with the media on the file system and in an S3-compatible bucket. A published
upload is public; unpublished again, it is private again."""

from django.core.files.base import ContentFile

import pytest

from certification import workflow
from certification.models import Evidence
from files import names

from .fetching import fetch, guessable
from .initiatives import PDF, moderate, png, send, uploads_of

pytestmark = pytest.mark.django_db

# What the site makes: API, page templates, social cards, admin thumbnails.
RENDITIONS = [
    "fill-1200x675",
    "fill-480x270",
    "max-400x200",
    "max-1200x1200",
    "width-960",
    "fill-1200x630",
    "max-165x165",
]
OUTSIDERS = ("anonymous", "milan", "translator")
INSIDERS = ("seoul", "moderator")


def addresses(image, document):
    """The URLs the site gives for the files, and their stored names."""
    renditions = [image.get_rendition(spec) for spec in RENDITIONS]
    urls = [image.file.url, document.url, document.file.url, *(r.url for r in renditions)]
    stored = [image.file.name, document.file.name, *(r.file.name for r in renditions)]
    return urls, stored


def assert_refused(people, urls):
    for who in OUTSIDERS:
        for url in urls:
            status, _body = fetch(people[who], url)
            assert status in (403, 404), (who, url, status)


def assert_served(people, who_all, image, image_bytes, document, urls):
    for who in who_all:
        assert fetch(people[who], image.file.url) == (200, image_bytes), who
        assert fetch(people[who], document.url) == (200, PDF), who
        assert fetch(people[who], document.file.url) == (200, PDF), who
        for url in urls:
            status, body = fetch(people[who], url)
            assert status == 200 and body, (who, url, status)


def test_uploads_of_drafts_and_initiatives_in_moderation_reach_only_their_city(
    storage_kind, people
):
    pages = {
        "draft": send(people["seoul"], "save", "Roof gardens", png("red")),
        "in moderation": send(people["seoul"], "submit", "Green roofs", png("blue")),
    }
    assert pages["in moderation"].current_workflow_state is not None
    for state, page in pages.items():
        image, document = uploads_of(page)
        urls, stored = addresses(image, document)
        for name in stored:
            assert names.is_private(name), (state, name)
            assert "kim" not in name.lower() and "garden" not in name.lower()
        guesses = [url for name in stored for url in guessable(name)]
        assert_refused(people, urls + guesses)
        image_bytes = png("red" if state == "draft" else "blue")
        assert_served(people, INSIDERS, image, image_bytes, document, urls[3:])


def test_uploads_are_public_once_published_and_private_again_once_unpublished(
    storage_kind, people, django_capture_on_commit_callbacks
):
    page = send(people["seoul"], "submit", "Green roofs", png("blue"))
    image, document = uploads_of(page)
    private_urls, private_names = addresses(image, document)

    with django_capture_on_commit_callbacks(execute=True):
        moderate(people["moderator"], page, "approve")
    page.refresh_from_db()
    assert page.live
    image.refresh_from_db()
    document.refresh_from_db()
    public_urls, public_names = addresses(image, document)
    assert not any(names.is_private(name) for name in public_names)
    for who in ("anonymous", "milan", "translator"):
        assert_served(people, [who], image, png("blue"), document, public_urls[3:])
    # The private copies are gone with their names.
    for who in (*OUTSIDERS, *INSIDERS):
        for url in private_urls:
            assert fetch(people[who], url)[0] in (403, 404), (who, url)

    with django_capture_on_commit_callbacks(execute=True):
        response = people["moderator"].post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    image.refresh_from_db()
    document.refresh_from_db()
    assert image.collection.name == document.collection.name == "Submissions: Seoul"
    again_urls, again_names = addresses(image, document)
    assert all(names.is_private(name) for name in again_names)
    # The public addresses answer nobody any more; the new private ones only the city.
    for who in (*OUTSIDERS, *INSIDERS):
        for url in public_urls:
            assert fetch(people[who], url)[0] == 404, (who, url)
    guesses = [url for name in again_names for url in guessable(name)]
    assert_refused(people, again_urls + guesses)
    assert_served(people, INSIDERS, image, png("blue"), document, again_urls[3:])


def test_evidence_reaches_only_the_city(storage_kind, people, users, cities):
    application = workflow.start(cities["seoul"].translation_key, users["seoul"], "en")
    answer = application.answers.order_by("pk").first()
    item = Evidence(
        answer=answer, language="en", uploaded_by=users["seoul"], original_name="Kim's budget.pdf"
    )
    item.file.save("Kim's budget.pdf", ContentFile(PDF), save=False)
    item.size = len(PDF)
    item.save()
    assert "budget" not in item.file.name.lower()

    url = f"/en/certification/applications/{application.pk}/evidence/{item.pk}/"
    assert_refused(people, [url, *guessable(item.file.name, prefix="evidence")])
    assert fetch(people["seoul"], url) == (200, PDF)
    response = people["seoul"].get(url)
    assert response["Cache-Control"] == "private, no-store"
    if storage_kind == "s3":
        assert "X-Amz-Expires=60" in response["Location"]
    else:
        assert response["Content-Disposition"] == 'attachment; filename="Kim\'s budget.pdf"'
        assert b"".join(response.streaming_content) == PDF
