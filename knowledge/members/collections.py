"""Which collection an initiative's uploads sit in: public while a live, public page uses them.

Members' uploads go to their city's private collection ("Submissions: <city>"). Publishing an
initiative moves the images and documents its live version uses (main image, media blocks,
document links in its text) to the public collection "Initiatives". Unpublishing, declining or
deleting it, putting it under a view restriction, or publishing a version without an upload,
moves the uploads back to the city's collection, unless another live, public page still uses
them (Wagtail's reference index tells). Each move is a save of the image or document, so its
file follows (files.relocation) and caches hear of it.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

from ..models import CityGroup, InitiativePage
from ..roles import MODERATORS, role_groups
from .membership import ensure_city_group

PUBLIC_COLLECTION = "Initiatives"
WITHDRAWN_COLLECTION = "Withdrawn uploads"


def upload_models():
    return (get_image_model(), get_document_model())


def uploads_in(instance, found=None):
    """{model: ids} of the images and documents `instance` (a page, or a revision's object)
    uses: its foreign keys, StreamFields and rich text, and those of its inline children."""
    found = defaultdict(set) if found is None else found
    models = upload_models()
    for field in instance._meta.get_fields():
        if field.many_to_one and field.related_model in models and field.concrete:
            value = field.value_from_object(instance)
            if value is not None:
                found[field.related_model].add(int(value))
        elif hasattr(field, "extract_references"):
            value = field.value_from_object(instance)
            if value is not None:
                for model, pk, _path, _content_path in field.extract_references(value):
                    if model in models and str(pk).isdigit():
                        found[model].add(int(pk))
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            uploads_in(child, found)
    return found


def uploads_ever_in(page):
    """The uploads of the page as it is stored and of every revision it has had."""
    found = uploads_in(page)
    for revision in page.revisions.order_by("pk"):
        uploads_in(revision.as_object(), found)
    return found


def public_pages():
    """Live pages without a view restriction on themselves or an ancestor."""
    return Page.objects.live().public()


def public_collection():
    public = Collection.objects.filter(name=PUBLIC_COLLECTION, depth=2).first()
    if public is None:
        public = Collection.get_first_root_node().add_child(name=PUBLIC_COLLECTION)
    return public


def city_collection(page, create=True):
    """The private upload collection of the initiative's city (None when it has none and
    `create` is off)."""
    city = page.city if page.city_id else page.get_parent().specific
    known = CityGroup.objects.filter(city_key=city.translation_key).exclude(collection=None)
    city_group = known.select_related("collection").first()
    if city_group is None:
        if not create:
            return None
        city_group = ensure_city_group(city)
    return city_group.collection


def withdrawn_collection():
    """Where uploads of a deleted initiative go when its city has no collection any more:
    private, for the moderators."""
    collection = Collection.objects.filter(name=WITHDRAWN_COLLECTION, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=WITHDRAWN_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(*role_groups(MODERATORS))
    return collection


def used_elsewhere(upload, page_ids):
    """Whether a live, public page other than those of `page_ids` uses `upload`."""
    references = ReferenceIndex.get_references_to(upload).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = {int(pk) for pk in references.values_list("object_id", flat=True)} - set(page_ids)
    return bool(ids) and public_pages().filter(pk__in=ids).exists()


def _move(model, ids, from_collections, to_collection):
    """Save each upload of `ids` sitting in one of `from_collections` into `to_collection`."""
    uploads = model.objects.filter(pk__in=ids, collection__in=from_collections)
    for upload in uploads.exclude(collection=to_collection):
        upload.collection = to_collection
        upload.save(update_fields=["collection"])


def withdraw(candidates, page_ids, collection):
    """Move back to `collection` (or what it returns, asked only when needed) the uploads of
    `candidates` ({model: ids}) that were made public with an initiative and that no live,
    public page outside `page_ids` uses."""
    public = Collection.objects.filter(name=PUBLIC_COLLECTION, depth=2).first()
    if public is None:
        return
    for model, ids in candidates.items():
        kept = [
            upload.pk
            for upload in model.objects.filter(pk__in=ids, collection=public)
            if not used_elsewhere(upload, page_ids)
        ]
        if kept:
            collection = collection() if callable(collection) else collection
            _move(model, kept, [public], collection)


def sync(page):
    """Make the uploads of `page` (an initiative) public or private as its state says."""
    page = page.specific
    shown = defaultdict(set)
    if page.live and public_pages().filter(pk=page.pk).exists():
        shown = uploads_in(page)
    submissions = Collection.objects.filter(
        pk__in=CityGroup.objects.exclude(collection=None).values("collection")
    )
    for model, ids in shown.items():
        if ids and model.objects.filter(pk__in=ids, collection__in=submissions).exists():
            _move(model, ids, submissions, public_collection())
    candidates = {
        model: ids - shown.get(model, set()) for model, ids in uploads_ever_in(page).items()
    }
    withdraw(candidates, [page.pk], lambda: city_collection(page))


def sync_below(page):
    """sync() every initiative at or below `page` (a view restriction changed, a move)."""
    for initiative in InitiativePage.objects.filter(path__startswith=page.path):
        sync(initiative)
