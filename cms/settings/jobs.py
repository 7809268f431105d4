"""Settings of the work done away from requests: e-mail through the queue, background jobs and
their leases, the periodic jobs, and the certification deadlines they watch. Read by base.py."""

from .env import env_bool, env_int, env_int_list, env_str

# E-mail: every message is queued in the database (mailqueue) and sent by the background
# worker through EMAIL_DELIVERY_BACKEND: SMTP when EMAIL_HOST is set, otherwise the console.
# A failed attempt is retried after each of EMAIL_RETRY_DELAYS seconds in turn.
EMAIL_BACKEND = "mailqueue.backend.QueuedEmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_RETRY_DELAYS = env_int_list("EMAIL_RETRY_DELAYS", [60, 300, 1800, 7200, 43200])
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Urban SDG Platform <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background jobs through Django's task framework, persisted in the project's database (SQLite
# by default, PostgreSQL in production) and executed by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Certification: days an application may wait in each step before the secretariat's dashboard
# marks it late (status -> days).
CERTIFICATION_TARGET_DAYS = {
    "submitted": env_int("CERTIFICATION_TARGET_ASSIGN_DAYS", 7),
    "in_review": env_int("CERTIFICATION_TARGET_REVIEW_DAYS", 30),
    "clarification": env_int("CERTIFICATION_TARGET_CLARIFICATION_DAYS", 30),
    "reviewed": env_int("CERTIFICATION_TARGET_DECISION_DAYS", 90),
}

# Days after a "not yet eligible" decision during which the city may appeal (once).
CERTIFICATION_APPEAL_DAYS = env_int("CERTIFICATION_APPEAL_DAYS", 60)

# Periodic jobs run by `manage.py run_scheduler`: task path -> APScheduler interval trigger.
PERIODIC_TASKS = {
    "cms.tasks.publish_scheduled": {"minutes": 1},
    "certification.tasks.clarification_deadlines": {"hours": 1},
    "certification.tasks.certificate_expiry_reminders": {"hours": 24},
    "certification.tasks.certificate_expiries": {"hours": 1},
    "syndication.tasks.retry_webhooks": {"minutes": 1},
    "mailqueue.tasks.retry_emails": {"minutes": 1},
    "cms.tasks.requeue_expired_jobs": {"minutes": 1},
    "knowledge.tasks.delete_unverified_registrations": {"hours": 24},
    # Daily; each saved search is e-mailed at most once a week (alerts.searches).
    "alerts.tasks.send_saved_search_alerts": {"hours": 24},
    "exchanges.tasks.moderation_digest": {"hours": 24},
    # Daily unless BACKUP_INTERVAL_HOURS says otherwise; 0 leaves backups to cron.
    **(
        {"cms.tasks.scheduled_backup": {"hours": env_int("BACKUP_INTERVAL_HOURS", 24)}}
        if env_int("BACKUP_INTERVAL_HOURS", 24)
        else {}
    ),
}
# A job still RUNNING this many seconds after a worker took it is presumed orphaned (its worker
# died) and goes back to the queue (cms.jobs); longer for the tasks named in TASK_LEASES.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 300)
TASK_LEASES = {
    "knowledge.tasks.export_open_data": env_int("TASK_EXPORT_LEASE_SECONDS", 3600),
    "cms.tasks.scheduled_backup": env_int("TASK_BACKUP_LEASE_SECONDS", 6 * 3600),
    # Every initiative's related initiatives chosen again: about an hour for 30,000 pages.
    "knowledge.tasks.rebuild_related_initiatives": env_int("TASK_RELATED_LEASE_SECONDS", 3 * 3600),
}
