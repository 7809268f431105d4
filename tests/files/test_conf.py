"""`files` runs in a project that sets none of its settings: each has a default (files.conf)."""

from files.conf import DEFAULTS, setting
from files.storage import PrivateFileSystemStorage


def test_defaults_when_the_project_sets_none(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    for name in DEFAULTS:
        if hasattr(settings, name):
            delattr(settings, name)
    assert setting("PRIVATE_MEDIA_ROOT") == str(tmp_path / "private")
    assert PrivateFileSystemStorage().location == str(tmp_path / "private")
    assert setting("PRIVATE_MEDIA_S3_PREFIX") == "private"
    assert setting("PRIVATE_MEDIA_URL_EXPIRY") == 60
    assert setting("PRIVATE_MEDIA_ACCEL_PREFIX") == ""
    assert setting("PRIVATE_MEDIA_X_SENDFILE") is False


def test_the_projects_value_wins(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "elsewhere")
    settings.PRIVATE_MEDIA_URL_EXPIRY = 5
    assert setting("PRIVATE_MEDIA_ROOT") == str(tmp_path / "elsewhere")
    assert setting("PRIVATE_MEDIA_URL_EXPIRY") == 5
