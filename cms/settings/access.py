"""Settings of who may do what, how often, and how the browser is told to protect the pages:
client addresses behind proxies, rate limits, sign-in throttling, passwords, sessions, personal
data, the staff second factor, Content-Security-Policy and Permissions-Policy. Read by base.py."""

import datetime

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from .env import env_bool, env_int, env_network_list, env_str

# The proxies in front of the app (Varnish, load balancers), as addresses or networks, and the
# header in which they put the client's address (X-Forwarded-For or X-Real-IP). The header is
# read only on requests from those proxies; every per-address feature (rate limits, sign-in
# throttling, logs) asks cms.client.client_ip.
TRUSTED_PROXIES = env_network_list("TRUSTED_PROXIES")
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
# Deprecated: RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP named the header alone, trusted from anyone.
# Still read as CLIENT_IP_HEADER, trusted from this machine (where the shipped Varnish runs).
DEPRECATED_RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY")
if DEPRECATED_RATELIMIT_IP_META_KEY and not CLIENT_IP_HEADER:
    CLIENT_IP_HEADER = DEPRECATED_RATELIMIT_IP_META_KEY.removeprefix("HTTP_").replace("_", "-")
    TRUSTED_PROXIES = TRUSTED_PROXIES or ["127.0.0.0/8", "::1"]
RATELIMIT_IP_META_KEY = "cms.client.client_ip"

# Requests per client address (django-ratelimit notation; empty turns the limit off), counted
# in the shared cache. Behind Varnish only cache misses reach the app and count.
RATE_LIMIT_API = env_str("RATE_LIMIT_API", "600/m")
RATE_LIMIT_PAGES = env_str("RATE_LIMIT_PAGES", "300/m")
RATE_LIMIT_EXEMPT_PATHS = ("/admin/", "/healthz/", "/static/", "/media/")

LOGIN_URL = "login"
# Pages private to signed-in people send visitors to the site's own sign-in page, in their language.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "my_city:dashboard"
LOGOUT_REDIRECT_URL = "/"

# Sign-in is throttled against password guessing (cms.sign_in): after AXES_FAILURE_LIMIT
# failures for one user name from one address, that user name is refused from that address for
# AXES_COOLOFF_MINUTES; after AXES_USERNAME_FAILURE_LIMIT failures for one user name from any
# number of addresses, it is refused from everywhere for that time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "cms.sign_in.SignInAttemptHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_USERNAME_FAILURE_LIMIT = env_int("AXES_USERNAME_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Attempts refused during a lockout do not prolong it: the cool-off runs from the lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "cms.client.client_ip"
AXES_USERNAME_CALLABLE = "cms.sign_in.attempted_username"

# Comments, reports, messages to cities and replication records: how much one member (or one
# address, for visitors) may send (django-ratelimit's "count/period" notation), the seconds a
# person needs at least to fill in a form, and how many members' reports hide a comment.
INTERACTION_RATES = {
    "comment": env_str("RATE_COMMENTS", "10/h"),
    "report": env_str("RATE_REPORTS", "20/h"),
    "contact": env_str("RATE_CONTACT", "5/h"),
    "replication": env_str("RATE_REPLICATIONS", "20/h"),
}
# Forms that send e-mail to the address typed in: how often one client address may send each,
# and how many e-mails they may send together to one recipient.
MAIL_FORM_RATES = {
    "registration": env_str("RATE_REGISTRATIONS", "5/h"),
    "password_reset": env_str("RATE_PASSWORD_RESETS", "5/h"),
    "confirmation_resend": env_str("RATE_CONFIRMATION_RESENDS", "5/h"),
    "email_change": env_str("RATE_EMAIL_CHANGES", "5/h"),
}
RATE_MAILS_PER_RECIPIENT = env_str("RATE_MAILS_PER_RECIPIENT", "5/h")
INTERACTION_MIN_SECONDS = env_int("INTERACTION_MIN_SECONDS", 3)
COMMENT_REPORT_THRESHOLD = env_int("COMMENT_REPORT_THRESHOLD", 3)

# At least 12 characters and not a commonly used password (OWASP ASVS 2.1.1, 2.1.7).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions (cms.security): signed out after SESSION_IDLE_MINUTES without a request, and
# SESSION_ABSOLUTE_HOURS after signing in whatever the activity; the cookie lives no longer.
# Changing one's password ends the other sessions (Django's session hash).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Personal data: the privacy notice people agree to when they register (its version is recorded
# with their consent; its address, when set, is linked from the form), and the days after which
# a registration whose e-mail address was never confirmed is deleted, releasing the address.
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-12")
PRIVACY_NOTICE_URL = env_str("PRIVACY_NOTICE_URL")
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 14)

# Second factor (cms.two_factor, django-otp): required of administrators, moderators, editors,
# translators and the certification roles when on (production's default), and of anyone who
# set one up; optional for city members.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Urban SDG Knowledge Platform"

# Content-Security-Policy (django-csp through cms.security). The public site runs no inline
# code: scripts and styles come from the site's static files, or carry the request's nonce
# (the error pages' own styles). Images may come from the media bucket and the map tiles;
# embedded videos from any HTTPS address.
_MEDIA_ORIGINS = []
if env_str("AWS_STORAGE_BUCKET_NAME"):
    if env_str("AWS_S3_CUSTOM_DOMAIN"):
        _MEDIA_ORIGINS.append("https://" + env_str("AWS_S3_CUSTOM_DOMAIN"))
    else:
        _MEDIA_ORIGINS.append(env_str("AWS_S3_ENDPOINT_URL") or "https://*.amazonaws.com")
if env_str("MAP_TILE_URL"):
    from urllib.parse import urlsplit as _urlsplit

    _tiles = _urlsplit(env_str("MAP_TILE_URL"))
    _MEDIA_ORIGINS.append(f"{_tiles.scheme}://{_tiles.netloc}")
_COMMON_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
    "media-src": [SELF, *_MEDIA_ORIGINS],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_COMMON_DIRECTIVES,
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
    }
}
# The Wagtail admin (Wagtail 8) still writes inline scripts (date pickers, inline panels) and
# style attributes (focal points, progress bars) and shows previews as blob: images: it gets
# 'unsafe-inline' for those, and nothing else more than the public site.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_COMMON_DIRECTIVES,
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
    }
}
# Browser features no page of the platform uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
