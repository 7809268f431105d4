"""Local development: the embedded default (SQLite, database search, database task queue)."""

import contextlib

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# Development only: a fixed key so sessions survive restarts. Production requires SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-9f8e7d6c5b4a3928171605f4e3d2c1b0")

# runserver serves static files from the apps; no manifest needed.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
