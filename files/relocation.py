"""An image's or document's file lives where its collection says.

In the private location while the collection (or an ancestor) has a view restriction, in the
public one otherwise. Saving an image or document, or adding or removing a collection's view
restriction, moves the files that are in the wrong place, in the same transaction: copied under
a fresh random name, the row pointed at the copy, the renditions deleted (they are made again
where their original now is, see files.names). The old file is deleted once the transaction
commits, so a rollback leaves the row and its file as they were. `manage.py relocate_files`
does the same for every upload and also renames files that still carry their uploader's name.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from . import names

logger = logging.getLogger(__name__)


def upload_models():
    return [get_image_model(), get_document_model()]


def should_be_private(upload):
    collection = Collection.objects.get(pk=upload.collection_id)
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def relocate(upload, rename=False):
    """Move the file of an image or document to where its collection puts it (and, with
    `rename`, give a random name to a file that has none). True when the file moved."""
    old = upload.file.name
    private = should_be_private(upload)
    if names.is_private(old) == private and not (rename and not names.is_random(old)):
        return False
    storage = upload.file.storage
    try:
        with storage.open(old, "rb") as content:
            new = storage.save(names.moved(old, private), content)
    except FileNotFoundError:
        # Nothing to move, nothing to leak; Wagtail reports the missing file where it is shown.
        logger.warning("The file %s of %s %s is missing.", old, type(upload).__name__, upload.pk)
        return False
    with transaction.atomic():
        upload.file = new
        upload.save(update_fields=["file"])
        if hasattr(upload, "renditions"):
            # Deleting a rendition deletes its file too (Wagtail's signal handlers).
            upload.renditions.all().delete()
        transaction.on_commit(partial(storage.delete, old), robust=True)
    return True


def upload_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.file:
        relocate(instance)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A collection became private or public: so do the files in it and below it."""
    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    subtree = Collection.objects.filter(path__startswith=collection.path)
    for model in upload_models():
        for upload in model.objects.filter(collection__in=subtree).exclude(file=""):
            relocate(upload)


def relocate_all(rename=True):
    """Every image and document where its collection puts it, under a random name. Returns the
    number of files moved."""
    moved = 0
    for model in upload_models():
        for pk in model.objects.exclude(file="").order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                upload = model.objects.select_for_update().filter(pk=pk).first()
                moved += upload is not None and relocate(upload, rename=rename)
    return moved


def register_signal_handlers():
    for model in upload_models():
        post_save.connect(upload_saved, sender=model, dispatch_uid=f"files_saved_{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"files_restriction_{signal is post_save}",
        )
