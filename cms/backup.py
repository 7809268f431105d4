"""One archive holds the whole state of a site; restoring it brings the site back.

The archive is a tar file (gzip-compressed when its name ends in .gz) with:

- `manifest.json`: when and by which versions it was made, the database engine, the migrations
  applied, and the size and SHA-256 of every other member;
- `database/db.pgdump` (PostgreSQL, pg_dump's custom format) or `database/db.sqlite3` (a
  consistent copy made with SQLite's backup API while the site runs);
- `files/public/…`: the public location (MEDIA_ROOT or the bucket's root: published uploads,
  renditions, documents and the open-data files);
- `files/private/…`: the private location (PRIVATE_MEDIA_ROOT or the bucket's private prefix:
  uploads of unpublished submissions, restricted collections and, under `evidence/`,
  certification evidence).

Files are read and written through the storages (files.storage), so the same commands work on
the file system and in an S3-compatible bucket. Restoring checks every checksum before it
changes anything, and refuses an archive of another schema (its migrations differ from the
code's) and a database or storage that is not empty.
"""

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from files import storage as file_storage

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
LOCATIONS = {"public": False, "private": True}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# Reading the state


def _versions():
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("Django", "wagtail", "wagtail-localize"):
        try:
            found[package.lower()] = version(package)
        except PackageNotFoundError:
            pass
    return found


def applied_migrations():
    """{"app": ["0001_initial", …]} of the migrations recorded as applied in the database."""
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def code_migrations():
    """The migrations the code has, in the same shape."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migrations = {}
    for app, name in sorted(loader.disk_migrations):
        migrations.setdefault(app, []).append(name)
    return migrations


def _walk(store, path="", skip=()):
    """Every file name under `path` in a storage, recursively."""
    directories, files = store.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        inner = f"{path}/{directory}" if path else directory
        if inner not in skip:
            yield from _walk(store, inner, skip)


def stored_files(location):
    """Names of every file in the public or private location."""
    store = file_storage.backend(LOCATIONS[location])
    skip = ()
    if location == "public" and file_storage.in_bucket():
        # In a bucket the private prefix sits below the public root.
        skip = (settings.PRIVATE_MEDIA_S3_PREFIX,)
    try:
        return sorted(_walk(store, "", skip))
    except FileNotFoundError:
        return []


# Making an archive


class _HashingReader(io.RawIOBase):
    """Reads a file while computing its SHA-256 and size."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        self.sha256.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


def _sha256(handle):
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _add_file(archive, member, source_path, manifest):
    with open(source_path, "rb") as handle:
        digest = _sha256(handle)
    archive.add(source_path, arcname=member, recursive=False)
    manifest["members"][member] = {
        "sha256": digest,
        "size": os.path.getsize(source_path),
    }


def _add_stored(archive, member, store, name, manifest):
    """A file from a storage, spooled to disk (a bucket's objects have no local path)."""
    with store.open(name, "rb") as handle, tempfile.TemporaryFile() as spool:
        reader = _HashingReader(handle)
        shutil.copyfileobj(reader, spool, CHUNK)
        spool.seek(0)
        info = tarfile.TarInfo(member)
        info.size = reader.size
        info.mtime = int(timezone.now().timestamp())
        archive.addfile(info, spool)
    manifest["members"][member] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def _dump_database(workdir):
    """A consistent copy of the database in `workdir`: (member name, path)."""
    vendor = connection.vendor
    if vendor == "sqlite":
        target = Path(workdir) / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return "database/db.sqlite3", target
    if vendor == "postgresql":
        target = Path(workdir) / "db.pgdump"
        _run_pg(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
        )
        return "database/db.pgdump", target
    raise BackupError(f"Backing up a {vendor} database is not supported.")


def _pg_environment():
    params = connection.settings_dict
    env = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _run_pg(command):
    try:
        subprocess.run(command, env=_pg_environment(), check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found: install the PostgreSQL client tools "
            "(the same major version as the server)."
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None


def create_backup(path, progress=print):
    """Write the archive to `path`; returns the manifest."""
    path = Path(path)
    mode = "w:gz" if path.name.endswith(".gz") else "w"
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "versions": _versions(),
        "database": connection.vendor,
        "migrations": applied_migrations(),
        "storage": "s3" if file_storage.in_bucket() else "filesystem",
        "members": {},
    }
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as workdir, tarfile.open(partial, mode) as archive:
        progress("Copying the database…")
        member, dump = _dump_database(workdir)
        _add_file(archive, member, dump, manifest)
        for location in LOCATIONS:
            names = stored_files(location)
            store = file_storage.backend(LOCATIONS[location])
            progress(f"Copying {len(names)} {location} file(s)…")
            for name in names:
                _add_stored(archive, f"files/{location}/{name}", store, name, manifest)
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(timezone.now().timestamp())
        archive.addfile(info, io.BytesIO(data))
    partial.replace(path)
    progress(f"Wrote {path} ({len(manifest['members'])} members).")
    return manifest


# Restoring an archive


def read_manifest(archive):
    try:
        handle = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("This is not a backup of the platform: it has no manifest.") from None
    try:
        manifest = json.load(handle)
    except ValueError:
        raise BackupError("The archive's manifest is damaged.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The archive is of format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def verify_archive(archive, manifest, progress=print):
    """Every member is in the manifest with its checksum, and every manifest entry is there."""
    expected = manifest["members"]
    seen = set()
    progress(f"Verifying {len(expected)} checksums…")
    for info in archive:
        if info.name == MANIFEST or not info.isfile():
            continue
        entry = expected.get(info.name)
        if entry is None:
            raise BackupError(f"The archive holds {info.name}, which its manifest does not list.")
        if _sha256(archive.extractfile(info)) != entry["sha256"]:
            raise BackupError(
                f"The archive is corrupted: the checksum of {info.name} does not match its "
                "manifest. Nothing was restored."
            )
        seen.add(info.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive is incomplete: {missing[0]} is missing.")


def check_schema(manifest):
    archived = manifest["migrations"]
    code = code_migrations()
    if archived != code:
        only_archive = sorted(
            f"{app}.{name}"
            for app, names in archived.items()
            for name in names
            if name not in code.get(app, [])
        )
        only_code = sorted(
            f"{app}.{name}"
            for app, names in code.items()
            for name in names
            if name not in archived.get(app, [])
        )
        raise BackupError(
            "The archive was made with another schema than this release's. "
            f"Migrations only in the archive: {', '.join(only_archive[:5]) or 'none'}; "
            f"only in this release: {', '.join(only_code[:5]) or 'none'}. "
            "Restore it with the release that made it, then migrate."
        )


def check_empty():
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): restore into a new, empty database."
        )
    for location in LOCATIONS:
        if stored_files(location):
            raise BackupError(
                f"The {location} file storage is not empty: restore into empty storage."
            )


def _restore_database(archive, manifest, member):
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(
            f"The archive holds a {manifest['database']} database; this site uses {vendor}."
        )
    with tempfile.TemporaryDirectory() as workdir:
        archive.extract(member, workdir, filter="data")
        dump = Path(workdir) / member
        if vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
            source.close()
        else:
            _run_pg(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(dump),
                ]
            )


def restore_backup(path, progress=print):
    """Restore the archive at `path` into the empty database and storage; returns the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        with tarfile.open(path, "r:*") as archive:
            manifest = read_manifest(archive)
            verify_archive(archive, manifest, progress)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"The archive is corrupted or truncated ({error}).") from None
    check_schema(manifest)
    check_empty()
    with tarfile.open(path, "r:*") as archive:
        database = next(name for name in manifest["members"] if name.startswith("database/"))
        progress("Restoring the database…")
        _restore_database(archive, manifest, database)
        files = [name for name in manifest["members"] if name.startswith("files/")]
        for number, member in enumerate(sorted(files), start=1):
            _, location, name = member.split("/", 2)
            store = file_storage.backend(LOCATIONS[location])
            handle = archive.extractfile(member)
            stored = store.save(name, handle)
            if stored != name:
                raise BackupError(f"{name} could not be restored under its own name.")
            if number % 100 == 0 or number == len(files):
                progress(f"Restored {number} of {len(files)} files.")
    progress("Checking the restored files…")
    for member in files:
        _, location, name = member.split("/", 2)
        store = file_storage.backend(LOCATIONS[location])
        with store.open(name, "rb") as handle:
            intact = _sha256(handle) == manifest["members"][member]["sha256"]
        if not intact:
            raise BackupError(f"{name} was not stored intact.")
    progress(f"Restored the backup of {manifest['created']}.")
    return manifest


# Scheduled backups


def scheduled_backup(progress=lambda message: None):
    """A backup into BACKUP_DIR named by its time; archives beyond BACKUP_KEEP are deleted."""
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"usdg-backup-{stamp}.tar.gz"
    create_backup(path, progress)
    archives = sorted(directory.glob("usdg-backup-*.tar.gz"))
    for old in archives[: max(0, len(archives) - settings.BACKUP_KEEP)]:
        old.unlink()
    return str(path)
