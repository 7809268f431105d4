"""The settings `files` reads, with their defaults: a project sets any of them to change it.

Read them through `setting(name)`, at the moment of use, so that `override_settings` in tests
applies and the app runs in a project that sets none of them.

- PRIVATE_MEDIA_ROOT: the directory of private files on the file system (default: `private`
  beside MEDIA_ROOT).
- PRIVATE_MEDIA_S3_PREFIX: the folder of private files in an S3-compatible bucket ("private").
- PRIVATE_MEDIA_URL_EXPIRY: seconds a signed address of a private file in the bucket lasts (60).
- PRIVATE_MEDIA_ACCEL_PREFIX: the web server's internal location answering X-Accel-Redirect
  ("": the app sends the file itself).
- PRIVATE_MEDIA_X_SENDFILE: answer private files with X-Sendfile instead (False).
"""

import os

from django.conf import settings


def _beside_media_root():
    return os.path.join(os.path.dirname(os.path.abspath(settings.MEDIA_ROOT or ".")), "private")


DEFAULTS = {
    "PRIVATE_MEDIA_ROOT": _beside_media_root,
    "PRIVATE_MEDIA_S3_PREFIX": "private",
    "PRIVATE_MEDIA_URL_EXPIRY": 60,
    "PRIVATE_MEDIA_ACCEL_PREFIX": "",
    "PRIVATE_MEDIA_X_SENDFILE": False,
}


def setting(name):
    """The project's value of `name`, else the default (a callable default is called)."""
    if hasattr(settings, name):
        return getattr(settings, name)
    default = DEFAULTS[name]
    return default() if callable(default) else default
