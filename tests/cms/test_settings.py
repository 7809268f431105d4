"""Configuration comes from the environment; production refuses unsafe set-ups."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.settings.env import env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "urbansdg.example.org",
}


def run_python(code, settings_module, env=None):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "ELASTICSEARCH_URL",
            "OPENSEARCH_URL",
            "AWS_STORAGE_BUCKET_NAME",
            "EMAIL_HOST",
            "ADMINS",
            "SENTRY_DSN",
            "LOG_FORMAT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean.update(env or {}, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**env):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'DEBUG': settings.DEBUG, "
        "'ENGINE': settings.DATABASES['default']['ENGINE'], "
        "'CACHE': settings.CACHES['default']['BACKEND'], "
        "'SEARCH': settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "'STORAGES': settings.STORAGES['default']['BACKEND'], "
        # The public location of the media (files.storage routes private names elsewhere).
        "'STORAGE': type(__import__('files.storage').storage.backend(False)).__name__, "
        "'EMAIL': settings.EMAIL_BACKEND, "
        "'EMAIL_DELIVERY': settings.EMAIL_DELIVERY_BACKEND, "
        "'ADMINS': settings.ADMINS, "
        "'TASKS': settings.TASKS['default']['BACKEND']}))"
    )
    result = run_python(code, "cms.settings.production", {**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    env = {"ALLOWED_HOSTS": "urbansdg.example.org"}
    result = run_python("import django; django.setup()", "cms.settings.production", env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]}
    result = run_python("import django; django.setup()", "cms.settings.production", env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    code = (
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    result = run_python(code, "cms.settings.production", PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_debug_is_off_unless_asked_for():
    assert production_settings()["DEBUG"] is False
    assert production_settings(DEBUG="true")["DEBUG"] is True


def test_production_defaults_are_the_embedded_ones():
    values = production_settings()
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["SEARCH"] == "search.backends.database"
    assert values["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["STORAGES"] == "files.storage.MediaStorage"
    assert values["STORAGE"] == "FileSystemStorage"
    assert values["TASKS"] == "django_tasks_db.DatabaseBackend"
    assert values["EMAIL"] == "mailqueue.backend.QueuedEmailBackend"
    assert values["EMAIL_DELIVERY"] == "django.core.mail.backends.console.EmailBackend"
    assert values["ADMINS"] == []


def test_services_are_configured_from_the_environment():
    values = production_settings(
        DATABASE_URL="postgres://app:secret@db.internal:5432/urbansdg",
        REDIS_URL="redis://cache.internal:6379/0",
        ELASTICSEARCH_URL="http://search.internal:9200",
        AWS_STORAGE_BUCKET_NAME="urbansdg-media",
        EMAIL_HOST="smtp.internal",
        ADMINS="Operations <ops@example.org>, oncall@example.org",
    )
    assert values["ENGINE"] == "django.db.backends.postgresql"
    # Redis, with this process's memory when it does not answer.
    assert values["CACHE"] == "cms.cache_backend.FallbackRedisCache"
    assert values["SEARCH"] == "search.backends.elasticsearch9"
    assert values["STORAGES"] == "files.storage.MediaStorage"
    assert values["STORAGE"] == "S3Storage"
    # Mail is queued, and sent to SMTP by the worker.
    assert values["EMAIL"] == "mailqueue.backend.QueuedEmailBackend"
    assert values["EMAIL_DELIVERY"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["ADMINS"] == [
        ["Operations", "ops@example.org"],
        ["oncall@example.org", "oncall@example.org"],
    ]


def test_opensearch_is_chosen_from_its_url():
    values = production_settings(OPENSEARCH_URL="http://search.internal:9200")
    assert values["SEARCH"] == "search.backends.opensearch3"


def test_manage_py_defaults_to_development_settings_on_sqlite():
    result = subprocess.run(
        [sys.executable, "manage.py", "diffsettings", "--output", "unified"],
        cwd=PROJECT_DIR,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DEBUG"}
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "+ DEBUG = True" in result.stdout
    assert "django.db.backends.sqlite3" in result.stdout


def test_env_bool_rejects_unclear_values(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, ,b.example,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_an_unknown_log_format_is_refused():
    result = run_python(
        "import django; django.setup()",
        "cms.settings.production",
        {**PRODUCTION_ENV, "LOG_FORMAT": "xml"},
    )

    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr
