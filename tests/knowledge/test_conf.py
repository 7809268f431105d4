"""The app's settings have defaults, and the project's values win; the system check names the
middleware the app needs."""

from django.core.checks import run_checks
from django.test import override_settings

from certification.conf import app_settings as certification_settings
from knowledge.checks import ADMIN_PERMISSION_MIDDLEWARE
from knowledge.conf import DEFAULTS, app_settings


def test_default_when_the_project_sets_nothing(settings):
    del settings.COMMENT_REPORT_THRESHOLD
    del settings.CERTIFICATE_VALIDITY_YEARS
    assert app_settings.COMMENT_REPORT_THRESHOLD == DEFAULTS["COMMENT_REPORT_THRESHOLD"] == 3
    assert certification_settings.CERTIFICATE_VALIDITY_YEARS == 3


def test_the_projects_value_wins(settings):
    settings.COMMENT_REPORT_THRESHOLD = 7
    assert app_settings.COMMENT_REPORT_THRESHOLD == 7


def test_an_unknown_name_is_refused():
    try:
        app_settings.COMMENT_REPORT_TRESHOLD  # noqa: B018 - the typo is the point
    except AttributeError as error:
        assert "COMMENT_REPORT_TRESHOLD" in str(error)
    else:
        raise AssertionError("a misspelt setting was read")


def test_the_check_names_the_missing_middleware(settings):
    assert "knowledge.E001" not in {error.id for error in run_checks()}
    middleware = [name for name in settings.MIDDLEWARE if name != ADMIN_PERMISSION_MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        assert "knowledge.E001" in {error.id for error in run_checks()}
    with override_settings(MIDDLEWARE=[ADMIN_PERMISSION_MIDDLEWARE, *middleware]):
        assert "knowledge.E002" in {error.id for error in run_checks()}
