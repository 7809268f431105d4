"""Background jobs of the project as a whole."""

from django.core.management import call_command

from django_tasks import task


@task()
def publish_scheduled():
    """Publish pages and snippets whose go-live time has come; unpublish expired ones."""
    call_command("publish_scheduled")


@task()
def ban_cache_tags(tags):
    """Make every front cache forget the responses carrying any of these tags."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    for backend in get_backends().values():
        if hasattr(backend, "ban"):
            backend.ban(tags)


@task()
def requeue_expired_jobs():
    """Jobs whose worker died while running them go back to the queue (cms.jobs)."""
    from .jobs import requeue_expired_jobs as requeue

    return requeue()
