"""Settings of error reports and logs: mail to ADMINS, standard error (text or JSON) and a
Sentry-compatible service. Read by base.py."""

from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

# Errors are reported: mailed to ADMINS ("Name <address>, …") through the mail queue, written
# to standard error (LOG_FORMAT=json for one JSON object per line), and sent to a
# Sentry-compatible service when SENTRY_DSN is set (cms.error_reporting).
ADMINS = [
    (name or address, address) for name, address in getaddresses([env_str("ADMINS")]) if address
]
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each record names the client whose request it is about (cms.client, through the proxies).
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "client": {"()": "cms.client.ClientAddressFilter"},
    },
    "formatters": {
        "json": {"()": "cms.error_reporting.JsonFormatter"},
        "client": {"format": "%(asctime)s %(levelname)s %(name)s [%(client_ip)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client"],
            "formatter": "json" if LOG_FORMAT == "json" else "client",
        },
        "mail_admins": {
            "class": "cms.error_reporting.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
    },
}
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from cms.error_reporting import init_sentry

    init_sentry(SENTRY_DSN, env_str("SENTRY_ENVIRONMENT", "production"), env_str("SENTRY_RELEASE"))
