"""Backup and restore: a site with an unpublished upload and an evidence file is backed up,
everything is dropped, and the archive brings back the same rows and the same files, on the
database the tests run on (SQLite, or PostgreSQL with DATABASE_URL) and on the file system and
in an S3-compatible bucket. A damaged archive is refused before anything changes."""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.models import Page

import pytest

from certification import workflow
from certification.models import Evidence
from cms import backup
from files import names
from files import storage as file_storage
from knowledge.models import CityPage
from tests.knowledge.members import make_member, member_client

from .initiatives import PDF, png, send, uploads_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def file_checksums():
    found = {}
    for location, private in backup.LOCATIONS.items():
        store = file_storage.backend(private)
        for name in backup.stored_files(location):
            with store.open(name, "rb") as handle:
                found[f"{location}/{name}"] = hashlib.sha256(handle.read()).hexdigest()
    return found


def drop_everything():
    """An empty database and empty storage, as on a new machine."""
    for location, private in backup.LOCATIONS.items():
        store = file_storage.backend(private)
        for name in backup.stored_files(location):
            store.delete(name)
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{path}{suffix}"):
                os.remove(f"{path}{suffix}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    assert connection.introspection.table_names() == []


@pytest.fixture
def site_with_private_files(storage_kind, people, users, cities):
    draft = send(people["seoul"], "save", "Roof gardens", png("red"))
    image, document = uploads_of(draft)
    assert names.is_private(image.file.name) and not draft.live
    application = workflow.start(cities["seoul"].translation_key, users["seoul"], "en")
    evidence = Evidence(
        answer=application.answers.order_by("pk").first(),
        language="en",
        uploaded_by=users["seoul"],
        original_name="budget.pdf",
        size=len(PDF),
    )
    evidence.file.save("budget.pdf", ContentFile(PDF))
    return {"image": image, "evidence": evidence}


def test_backup_drop_everything_restore(site_with_private_files, tmp_path):
    round_trip(tmp_path, site_with_private_files["evidence"])


def test_the_demo_site_survives_a_round_trip(tmp_path):
    """The demo site in six languages, with an unpublished upload and an evidence file.

    The demo is loaded here, as for the browser tests: the session's copy may have been emptied
    by the transactional tests before this one."""
    call_command("load_demo_content", stdout=io.StringIO())
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    member = make_member(seoul, "backup@seoul.example.org")
    draft = send(member_client(member), "save", "Roof gardens", png("red"))
    assert names.is_private(uploads_of(draft)[0].file.name)
    application = workflow.start(seoul.translation_key, member, "en")
    evidence = Evidence(
        answer=application.answers.order_by("pk").first(),
        language="en",
        uploaded_by=member,
        original_name="budget.pdf",
        size=len(PDF),
    )
    evidence.file.save("budget.pdf", ContentFile(PDF))
    assert Page.objects.filter(locale__language_code="ar").count() > 10

    round_trip(tmp_path, evidence)


def round_trip(tmp_path, evidence):
    archive = tmp_path / "site.tar.gz"
    counts = row_counts()
    checksums = file_checksums()
    assert any(name.startswith("private/evidence/") for name in checksums)
    assert any(name.startswith("private/original_images/") for name in checksums)

    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["database"] == connection.vendor
    assert manifest["migrations"] == backup.code_migrations()
    assert {f"files/{name}" for name in checksums} <= set(manifest["members"])
    for name, digest in checksums.items():
        assert manifest["members"][f"files/{name}"]["sha256"] == digest

    drop_everything()
    assert file_checksums() == {}

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Verifying" in out.getvalue() and "Restored" in out.getvalue()
    assert row_counts() == counts
    assert file_checksums() == checksums
    restored = Evidence.objects.get(pk=evidence.pk)
    assert restored.file.read() == PDF


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, db):
    archive = tmp_path / "site.tar"
    call_command("backup", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())


def rewrite(archive, target, change):
    """A copy of the archive with `change(name, data, manifest)` applied to its members."""
    with tarfile.open(archive) as source:
        members = {info.name: source.extractfile(info).read() for info in source if info.isfile()}
    manifest = json.loads(members.pop("manifest.json"))
    members = {name: change(name, data, manifest) for name, data in members.items()}
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(target, "w") as copy:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))


@pytest.fixture
def archive(tmp_path, db):
    path = tmp_path / "site.tar"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def test_a_corrupted_archive_is_refused(archive, tmp_path):
    damaged = tmp_path / "damaged.tar"

    def flip(name, data, manifest):
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database/") else data

    rewrite(archive, damaged, flip)

    with pytest.raises(CommandError, match="corrupted: the checksum of database/"):
        call_command("restore", str(damaged), stdout=io.StringIO())


def test_a_truncated_archive_is_refused(archive, tmp_path):
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(Path(archive).read_bytes()[:2048])

    with pytest.raises(CommandError, match="corrupted|incomplete|manifest"):
        call_command("restore", str(truncated), stdout=io.StringIO())


def test_an_archive_of_another_schema_is_refused(archive, tmp_path):
    other = tmp_path / "other.tar"

    def older(name, data, manifest):
        manifest["migrations"]["knowledge"] = manifest["migrations"]["knowledge"][:-1]
        return data

    rewrite(archive, other, older)

    with pytest.raises(CommandError, match="another schema"):
        call_command("restore", str(other), stdout=io.StringIO())


def test_scheduled_backups_keep_the_newest(settings, tmp_path, db, monkeypatch):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEEP = 2
    for stamp in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        settings.BACKUP_DIR.mkdir(exist_ok=True)
        (settings.BACKUP_DIR / f"usdg-backup-{stamp}.tar.gz").write_bytes(b"old")

    from cms.tasks import scheduled_backup

    path = scheduled_backup.call()

    kept = sorted(p.name for p in settings.BACKUP_DIR.iterdir())
    assert kept == ["usdg-backup-20260103T000000Z.tar.gz", Path(path).name]
    assert "cms.tasks.scheduled_backup" in settings.PERIODIC_TASKS
