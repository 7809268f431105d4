"""Response headers that limit what a page may do, and how long a signed-in session lasts.

- Content-Security-Policy (django-csp): the public site allows scripts and styles from the site
  itself and elements carrying the request's nonce, never inline code; the Wagtail admin gets
  the policy it supports (its widgets and panels still write inline scripts and style
  attributes), CONTENT_SECURITY_POLICY_ADMIN.
- Permissions-Policy: the browser features no page of the platform uses are turned off.
- Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS after
  signing in, whatever the activity. A password change ends the user's other sessions through
  Django's own session hash (the session keeps the hash of the password it signed in with).
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.dispatch import receiver

from csp.middleware import CSPMiddleware, PolicyParts

# Keys in the session: when it signed in, and when it was last used (seconds since the epoch).
SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN_AT = "_last_seen_at"
# The session is written again for its last use at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60


def is_admin_path(path):
    return path.startswith("/admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info) and parts.config is None:
            # No nonce: a nonce in script-src or style-src makes browsers ignore 'unsafe-inline'.
            return PolicyParts(config=settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """Turns off the browser features named in PERMISSIONS_POLICY for every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class SessionTimeoutMiddleware:
    """Signs out a session idle for SESSION_IDLE_MINUTES or older than SESSION_ABSOLUTE_HOURS.

    Only requests that carry a session cookie are looked at, so anonymous responses stay
    cacheable (reading the session would add `Vary: Cookie`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        if SESSION_KEY not in session:
            return
        now = int(time.time())
        signed_in_at = session.get(SIGNED_IN_AT)
        last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
        if signed_in_at is None:
            # Signed in before these limits existed: they run from now.
            session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            return
        idle = now - last_seen_at > settings.SESSION_IDLE_MINUTES * 60
        expired = now - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600
        if idle or expired:
            logout(request)
        elif now - last_seen_at >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_AT] = now


@receiver(user_logged_in, dispatch_uid="cms.security.session_started")
def session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
