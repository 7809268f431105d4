"""The storages of uploads: a public location and a private one, on the file system or in an
S3-compatible bucket.

`MediaStorage` (STORAGES["default"]) keeps a name under "private/" in the private location
(PRIVATE_MEDIA_ROOT, or the bucket's PRIVATE_MEDIA_S3_PREFIX) and any other name in the public
one (MEDIA_ROOT served at MEDIA_URL, or the bucket's root). `EvidenceStorage` keeps certification
evidence in the private location too, under "evidence/". Backends are made from the settings
when first used and again after a test changes them.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from . import names
from .conf import setting

EVIDENCE_FOLDER = "evidence"
SETTINGS = (
    "MEDIA_ROOT",
    "MEDIA_URL",
    "PRIVATE_MEDIA_ROOT",
    "PRIVATE_MEDIA_S3_PREFIX",
    "PRIVATE_MEDIA_URL_EXPIRY",
    "STORAGES",
)

_backends = {}


def _forget_backends(*, setting, **kwargs):
    if setting in SETTINGS or setting.startswith("AWS_"):
        _backends.clear()


setting_changed.connect(_forget_backends, dispatch_uid="files_forget_backends")


def in_bucket():
    return bool(getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""))


class PrivateFileSystemStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT, read from the settings on each use; files there have no URL."""

    @property
    def base_location(self):
        return str(setting("PRIVATE_MEDIA_ROOT"))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def backend(private):
    """The storage of the private or the public location."""
    key = ("private" if private else "public", in_bucket())
    if key not in _backends:
        if in_bucket():
            from storages.backends.s3 import S3Storage

            if private:
                _backends[key] = S3Storage(
                    location=setting("PRIVATE_MEDIA_S3_PREFIX"),
                    # The bucket's default: private (an explicit ACL fails on buckets with
                    # ACLs disabled).
                    default_acl=None,
                    querystring_auth=True,
                    querystring_expire=setting("PRIVATE_MEDIA_URL_EXPIRY"),
                    custom_domain=None,
                    file_overwrite=False,
                )
            else:
                _backends[key] = S3Storage()
        else:
            _backends[key] = PrivateFileSystemStorage() if private else FileSystemStorage()
    return _backends[key]


class _RoutingStorage(Storage):
    """Hands every operation to the backend where `locate()` puts the name."""

    def locate(self, name):
        """(backend, name in the backend, whether the location is private)."""
        raise NotImplementedError

    def _outer(self, name, inner):
        """The name in this storage of `inner`, a name in the backend holding `name`."""
        raise NotImplementedError

    def _open(self, name, mode="rb"):
        store, inner, _private = self.locate(name)
        return store.open(inner, mode)

    def _save(self, name, content):
        store, inner, _private = self.locate(name)
        # The name is already free (Storage.save asked get_available_name below).
        return self._outer(name, store._save(inner, content))

    def get_available_name(self, name, max_length=None):
        store, inner, _private = self.locate(name)
        prefix_length = len(name) - len(inner)
        limit = max_length - prefix_length if max_length is not None else None
        return self._outer(name, store.get_available_name(inner, max_length=limit))

    def delete(self, name):
        store, inner, _private = self.locate(name)
        store.delete(inner)

    def exists(self, name):
        store, inner, _private = self.locate(name)
        return store.exists(inner)

    def listdir(self, path):
        store, inner, _private = self.locate(path)
        return store.listdir(inner)

    def size(self, name):
        store, inner, _private = self.locate(name)
        return store.size(inner)

    def path(self, name):
        store, inner, _private = self.locate(name)
        return store.path(inner)

    def get_accessed_time(self, name):
        store, inner, _private = self.locate(name)
        return store.get_accessed_time(inner)

    def get_created_time(self, name):
        store, inner, _private = self.locate(name)
        return store.get_created_time(inner)

    def get_modified_time(self, name):
        store, inner, _private = self.locate(name)
        return store.get_modified_time(inner)


@deconstructible(path="files.storage.MediaStorage")
class MediaStorage(_RoutingStorage):
    """The default storage: private names in the private location, the rest in the public one.
    New originals of images and documents are written there under a random private name
    (files.names); a private file's URL is the permission-checked view."""

    def locate(self, name):
        if names.is_private(name):
            return backend(True), names.public_part(name), True
        return backend(False), name, False

    def _outer(self, name, inner):
        return names.PRIVATE_PREFIX + inner if names.is_private(name) else inner

    def generate_filename(self, filename):
        return names.for_new_file(super().generate_filename(filename))

    def url(self, name):
        if names.is_private(name):
            return reverse("private_media", args=[names.public_part(name)])
        return backend(False).url(name)


@deconstructible(path="files.storage.EvidenceStorage")
class EvidenceStorage(_RoutingStorage):
    """Certification evidence: always in the private location (under "evidence/"), without a
    URL; certification's download view checks who asks and serves it with files.serving."""

    def locate(self, name):
        return backend(True), f"{EVIDENCE_FOLDER}/{name}", True

    def _outer(self, name, inner):
        return inner[len(EVIDENCE_FOLDER) + 1 :]

    def url(self, name):
        raise ValueError("Evidence files have no public URL.")
