"""Background jobs of the project as a whole."""

from django.core.management import call_command

from django_tasks import task

from . import backup, jobs
from .frontend_cache import ban


@task()
def publish_scheduled():
    """Publish pages and snippets whose go-live time has come; unpublish expired ones."""
    call_command("publish_scheduled")


class BanFailed(Exception):
    pass


@task()
def ban_cache_tags(tags):
    """Make every front cache forget the responses carrying any of these tags (a retry of a ban
    that failed when the change was committed, or the second ban a few seconds after it)."""
    if not ban(tags):
        raise BanFailed(f"A front cache refused or missed the ban of {tags}.")


@task()
def requeue_expired_jobs():
    """Jobs whose worker died while running them go back to the queue (cms.jobs)."""
    return jobs.requeue_expired_jobs()


@task()
def scheduled_backup():
    """A backup into BACKUP_DIR, keeping the newest BACKUP_KEEP archives (cms.backup)."""
    return backup.scheduled_backup()
