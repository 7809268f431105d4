"""System checks of what `knowledge` needs from the project that it cannot wire itself."""

from django.conf import settings
from django.core.checks import Error, register

ADMIN_PERMISSION_MIDDLEWARE = "knowledge.languages.admin_access.AdminPermissionMiddleware"
AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


@register()
def admin_permission_middleware(app_configs, **kwargs):
    """The translators' and explorer's checks run as a middleware (the admin views they guard are
    Wagtail's and wagtail-localize's own): without it a translator could edit any language."""
    middleware = list(settings.MIDDLEWARE)
    if ADMIN_PERMISSION_MIDDLEWARE not in middleware:
        return [
            Error(
                f"{ADMIN_PERMISSION_MIDDLEWARE} is not in MIDDLEWARE.",
                hint=f"Add it after {AUTHENTICATION_MIDDLEWARE}.",
                id="knowledge.E001",
            )
        ]
    if AUTHENTICATION_MIDDLEWARE in middleware and middleware.index(
        ADMIN_PERMISSION_MIDDLEWARE
    ) < middleware.index(AUTHENTICATION_MIDDLEWARE):
        return [
            Error(
                f"{ADMIN_PERMISSION_MIDDLEWARE} comes before {AUTHENTICATION_MIDDLEWARE}.",
                hint="It needs request.user: move it after the authentication middleware.",
                id="knowledge.E002",
            )
        ]
    return []
