"""Where files are stored and under which names, how a file follows its collection, and how the
checked view answers."""

import re
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from files import names, storage
from tests.knowledge.members import PASSWORD, member_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def collection(name, restriction=None, groups=()):
    child = Collection.get_first_root_node().add_child(name=name)
    if restriction is not None:
        view_restriction = CollectionViewRestriction.objects.create(
            collection=child, restriction_type=restriction
        )
        view_restriction.groups.add(*groups)
    return child


def image_in(where, filename="Kim's photo.png"):
    return get_image_model().objects.create(
        title="Photo", file=get_test_image_file(filename=filename), collection=where
    )


def document_in(where, title="Strategy"):
    document = get_document_model()(title=title, collection=where)
    document.file.save("Kim's strategy.pdf", ContentFile(PDF), save=True)
    return document


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def test_a_public_upload_gets_a_random_public_name(settings, django_capture_on_commit_callbacks):
    # Written private first, moved to the public location (the private copy goes on commit).
    with django_capture_on_commit_callbacks(execute=True):
        image = image_in(Collection.get_first_root_node())
        document = document_in(Collection.get_first_root_node())
    rendition = image.get_rendition("fill-100x100")

    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.png", image.file.name)
    assert re.fullmatch(r"documents/[0-9a-f]{32}\.pdf", document.file.name)
    assert rendition.file.name.startswith(f"images/{Path(image.file.name).stem[:20]}")
    assert image.file.url == f"/media/{image.file.name}"
    assert rendition.url == f"/media/{rendition.file.name}"
    assert files_under(settings.MEDIA_ROOT) == sorted(
        [image.file.name, document.file.name, rendition.file.name]
    )
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_private_upload_and_its_renditions_stay_out_of_the_media_root(settings):
    private = collection("Board papers", CollectionViewRestriction.LOGIN)
    image = image_in(private)
    document = document_in(private)
    rendition = image.get_rendition("fill-100x100")

    assert re.fullmatch(r"private/original_images/p-[0-9a-f]{32}\.png", image.file.name)
    assert re.fullmatch(r"private/documents/p-[0-9a-f]{32}\.pdf", document.file.name)
    assert rendition.file.name.startswith("private/images/p-")
    assert image.file.url == "/media-private/" + names.public_part(image.file.name)
    assert rendition.url == "/media-private/" + names.public_part(rendition.file.name)
    assert document.file.url == "/media-private/" + names.public_part(document.file.name)
    assert files_under(settings.MEDIA_ROOT) == []
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == sorted(
        names.public_part(f.name) for f in (image.file, document.file, rendition.file)
    )


def test_files_follow_their_collection_when_it_becomes_private_and_public(
    settings, django_capture_on_commit_callbacks
):
    where = collection("Photos")
    with django_capture_on_commit_callbacks(execute=True):
        image = image_in(where)
        image.get_rendition("fill-100x100")
    public_name = image.file.name

    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=where, restriction_type=CollectionViewRestriction.LOGIN
        )
    image.refresh_from_db()
    assert names.is_private(image.file.name)
    assert not image.renditions.exists()
    assert files_under(settings.MEDIA_ROOT) == []
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [names.public_part(image.file.name)]
    private_name = image.file.name

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    image.refresh_from_db()
    assert not names.is_private(image.file.name)
    assert image.file.name not in (public_name, private_name)
    assert files_under(settings.MEDIA_ROOT) == [image.file.name]
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_moving_an_upload_to_a_private_collection_moves_its_file(
    settings, django_capture_on_commit_callbacks
):
    document = document_in(Collection.get_first_root_node())
    with django_capture_on_commit_callbacks(execute=True):
        document.collection = collection("Drafts", CollectionViewRestriction.LOGIN)
        document.save()
    assert names.is_private(document.file.name)
    assert files_under(settings.MEDIA_ROOT) == []
    with document.file.open("rb") as handle:
        assert handle.read() == PDF


def test_the_checked_view_answers_only_those_allowed():
    group = Group.objects.create(name="Board")
    private = collection("Board papers", CollectionViewRestriction.GROUPS, [group])
    image = image_in(private)
    url = image.get_rendition("fill-100x100").url
    users = get_user_model().objects
    board_member = users.create_user("board", "board@example.org", PASSWORD)
    board_member.groups.add(group)
    editor = users.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    outsider = users.create_user("outsider", "outsider@example.org", PASSWORD)

    for user in (board_member, editor):
        response = member_client(user).get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    response = member_client(outsider).get(url, headers={"accept-language": "fr"})
    assert response.status_code == 403
    assert response.content.decode() == "Vous n'êtes pas autorisé à ouvrir ce fichier."
    assert response["Cache-Control"] == "private, no-store"
    assert Client().get(url).status_code == 403
    assert Client().get(url.replace("/p-", "/p-0")).status_code == 404
    assert Client().get("/media-private/elsewhere/file.png").status_code == 404
    assert Client().get("/media-private/original_images/%00.png").status_code == 404
    assert Client().get("/media-private/../../etc/passwd").status_code == 404


def test_the_web_server_sends_the_file_when_configured(settings):
    user = get_user_model().objects.create_user("reader", "reader@example.org", PASSWORD)
    private = collection("Reports", CollectionViewRestriction.LOGIN)
    image, document = image_in(private), document_in(private, title="Annual report")
    client = member_client(user)

    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    response = client.get(image.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_private/" + names.public_part(image.file.name)
    assert response["Content-Type"] == "image/png"

    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ""
    settings.PRIVATE_MEDIA_X_SENDFILE = True
    response = client.get(document.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Sendfile"] == str(
        Path(settings.PRIVATE_MEDIA_ROOT) / names.public_part(document.file.name)
    )
    # PDF opens in the browser (Wagtail's WAGTAILDOCS_INLINE_CONTENT_TYPES).
    assert response["Content-Disposition"] == 'inline; filename="Annual report.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_public_documents_download_under_their_title(client):
    document = document_in(Collection.get_first_root_node(), title="Mobility plan")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="Mobility plan.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_relocate_files_renames_old_uploads_and_puts_them_in_place(
    settings, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    private = collection("Submissions", CollectionViewRestriction.LOGIN)
    image, document = image_in(root), document_in(root)
    # As they were stored before: under the uploader's names, in the public media whatever the
    # collection.
    public = storage.backend(private=False)
    for upload, legacy, where in (
        (image, "original_images/Kim photo.png", root),
        (document, "documents/Kim.pdf", private),
    ):
        with upload.file.open("rb") as handle:
            public.save(legacy, handle)
        type(upload).objects.filter(pk=upload.pk).update(file=legacy, collection=where)
    image.refresh_from_db()
    image.get_rendition("fill-100x100")
    document.refresh_from_db()

    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("relocate_files", stdout=output)
    assert output.getvalue() == "2 files moved or renamed.\n"
    image.refresh_from_db()
    document.refresh_from_db()
    assert names.is_random(image.file.name) and not names.is_private(image.file.name)
    assert names.is_random(document.file.name) and names.is_private(document.file.name)
    assert not image.renditions.exists()
    assert "original_images/Kim photo.png" not in files_under(settings.MEDIA_ROOT)
    assert "documents/Kim.pdf" not in files_under(settings.MEDIA_ROOT)
    with document.file.open("rb") as handle:
        assert handle.read() == PDF

    output = StringIO()
    call_command("relocate_files", stdout=output)
    assert output.getvalue() == "0 files moved or renamed.\n"
