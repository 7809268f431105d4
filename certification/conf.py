"""The settings `certification` reads, with their defaults: a project sets any of them to change
it. Read them through `app_settings` (`from certification.conf import app_settings`).

- CERTIFICATION_TARGET_DAYS: per application status, the days the secretariat's dashboard allows
  before it flags an application as late.
- CERTIFICATION_APPEAL_DAYS: days after a decision within which the city may appeal.
- EVIDENCE_EXTENSIONS, EVIDENCE_MAX_UPLOAD_SIZE: the evidence files a city may upload.
- CLARIFICATION_REMINDER_DAYS: days before a clarification round's deadline the city is reminded.
- CERTIFICATE_VALIDITY_YEARS, CERTIFICATE_REMINDER_DAYS: how long a certificate is valid, and how
  many days before it expires the city is reminded.
- SPOT_CHECK_SHARE: the share of criteria a reviewer spot-checks, offered by default ("0.25").
"""

from knowledge.conf import AppSettings

DEFAULTS = {
    "CERTIFICATION_TARGET_DAYS": {
        "submitted": 7,
        "in_review": 30,
        "clarification": 30,
        "reviewed": 90,
    },
    "CERTIFICATION_APPEAL_DAYS": 60,
    "EVIDENCE_EXTENSIONS": [
        "csv",
        "docx",
        "jpg",
        "jpeg",
        "odt",
        "pdf",
        "png",
        "pptx",
        "xlsx",
        "zip",
    ],
    "EVIDENCE_MAX_UPLOAD_SIZE": 25 * 1024 * 1024,
    "CLARIFICATION_REMINDER_DAYS": 3,
    "CERTIFICATE_VALIDITY_YEARS": 3,
    "CERTIFICATE_REMINDER_DAYS": 60,
    "SPOT_CHECK_SHARE": "0.25",
}

app_settings = AppSettings(DEFAULTS)
