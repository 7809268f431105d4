"""Background jobs of the knowledge base."""

from django.core.cache import cache

from django_tasks import task

from .initiatives import related
from .members import membership as members
from .models import InitiativePage, RelatedInitiatives
from .opendata import files as opendata

# Set when an export is queued, cleared when it starts: a burst of publishes queues one export,
# and a change made while an export runs queues the next. The timeout frees the flag should a
# queued export be lost.
EXPORT_PENDING_KEY = "knowledge:opendata:export-pending"
EXPORT_PENDING_SECONDS = 3600


@task()
def export_open_data():
    """Regenerate the open-data files of initiatives (knowledge.opendata.files)."""
    cache.delete(EXPORT_PENDING_KEY)
    manifest = opendata.export()
    return {key: file.rows for key, file in manifest.files.items()}


def queue_open_data_export():
    """Queue an export unless one is already waiting to start."""
    if cache.add(EXPORT_PENDING_KEY, True, timeout=EXPORT_PENDING_SECONDS):
        export_open_data.enqueue()


@task()
def delete_unverified_registrations():
    """Registrations never confirmed within REGISTRATION_RETENTION_DAYS go, with their
    accounts, so that their addresses can register again (knowledge.members.membership)."""
    return members.delete_unverified_registrations()


@task()
def refresh_related_initiatives(page_id):
    """Mend the related-initiative lists after initiative `page_id` changed
    (knowledge.initiatives.related)."""
    return related.refresh_initiative(page_id)


@task()
def rebuild_related_initiatives(locale_id=None):
    """Choose every related-initiative list again (a goal or theme went)."""
    return related.rebuild(locale_id)


def fill_missing_related(sender=None, using="default", **kwargs):
    """After `migrate`: when no related-initiative list is stored yet but initiatives exist,
    queue a rebuild (pages choose their own list when read meanwhile)."""
    if (
        not RelatedInitiatives.objects.using(using).exists()
        and InitiativePage.objects.using(using).exists()
    ):
        rebuild_related_initiatives.enqueue()
