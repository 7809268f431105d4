"""The settings `knowledge` reads, with their defaults: a project sets any of them to change it.

Read them through `app_settings` (`from knowledge.conf import app_settings`), never from
django.conf.settings directly, so that the app runs in a project that sets none of them. Each
read goes to the settings at that moment, so `override_settings` in tests applies.

- FRAGMENT_CACHE_SECONDS: how long facet counts and other fragments stay cached (0: not at all).
- INTERACTION_RATES: per form ("comment", "report", "contact", "replication"), how often one
  client may post it ("10/h", django-ratelimit's notation).
- MAIL_FORM_RATES: per form that mails the address typed in ("registration", "password_reset",
  "confirmation_resend", "email_change"), how often one client may send it.
- RATE_MAILS_PER_RECIPIENT: how much mail those forms may send one recipient ("" for no limit).
- INTERACTION_MIN_SECONDS: a form sent sooner after it was shown is taken for a bot's.
- COMMENT_REPORT_THRESHOLD: reports that take a published comment back to the moderators.
- PRIVACY_NOTICE_URL, PRIVACY_NOTICE_VERSION: the notice a registration accepts, and its version.
- REGISTRATION_RETENTION_DAYS: days an unconfirmed or declined registration is kept.
"""

from django.conf import settings

DEFAULTS = {
    "FRAGMENT_CACHE_SECONDS": 0,
    "INTERACTION_RATES": {
        "comment": "10/h",
        "report": "20/h",
        "contact": "5/h",
        "replication": "20/h",
    },
    "MAIL_FORM_RATES": {
        "registration": "5/h",
        "password_reset": "5/h",
        "confirmation_resend": "5/h",
        "email_change": "5/h",
    },
    "RATE_MAILS_PER_RECIPIENT": "5/h",
    "INTERACTION_MIN_SECONDS": 3,
    "COMMENT_REPORT_THRESHOLD": 3,
    "PRIVACY_NOTICE_URL": "",
    "PRIVACY_NOTICE_VERSION": "1",
    "REGISTRATION_RETENTION_DAYS": 14,
}


class AppSettings:
    """Attribute access to an app's settings: the project's value if it sets one, else the
    app's default. Names outside the defaults are refused, so a typo fails loudly."""

    def __init__(self, defaults):
        self._defaults = defaults

    def __getattr__(self, name):
        try:
            default = self._defaults[name]
        except KeyError:
            raise AttributeError(name) from None
        return getattr(settings, name, default)


app_settings = AppSettings(DEFAULTS)
