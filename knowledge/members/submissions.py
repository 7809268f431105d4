"""My City's upload form applied to an initiative: its relations, the uploads and the video that
go into its media, and the attached files a member removes.

Uploads go to the city's private collection; knowledge.members.collections makes them public with
the initiative. A removed file stays in that collection (earlier revisions still name it), so the
uploads' sync keeps it private unless another live page uses it.
"""

from dataclasses import dataclass

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from ..models import SDGTarget, SustainableDevelopmentGoal, Theme

MAIN_IMAGE = "image"


@dataclass
class Attached:
    """An image, document or video the initiative holds: its main image or an item of its
    media."""

    key: str  # MAIN_IMAGE or the id of the media block
    kind: str  # "image", "document" or "video"
    upload: object  # an image, a document, or a video's EmbedValue (its address)

    @property
    def title(self):
        return self.upload.url if self.kind == "video" else self.upload.title


def attached_files(page):
    """The main image and the images, documents and videos of the media of `page`, in their
    order."""
    found = [Attached(MAIN_IMAGE, "image", page.image)] if page.image_id else []
    for position, block in enumerate(page.media):
        key = _key(block.id, position)
        if block.block_type == "document" and block.value["document"] is not None:
            found.append(Attached(key, "document", block.value["document"]))
        elif block.block_type == "image" and block.value is not None:
            found.append(Attached(key, "image", block.value))
        elif block.block_type == "video" and block.value["video"]:
            found.append(Attached(key, "video", block.value["video"]))
    return found


def _key(block_id, position):
    # Blocks stored without an id (written by code, never saved through a form) by position.
    return block_id or f"position-{position}"


def form_initial(page):
    """The relations of `page` as the form names them (by number and code)."""
    return {
        "sdgs": [str(goal.number) for goal in page.sdgs.all()],
        "themes": [theme.code for theme in page.themes.all()],
        "targets": [target.code for target in page.targets.all()],
    }


def apply(page, form, user, collection, remove=()):
    """Complete the (unsaved) page the form filled in: relations, removed files, new uploads
    (stored in the city's `collection`, once: a file the page already holds is not added again)
    and the video."""
    data = form.cleaned_data
    locale = page.locale
    page.sdgs = list(
        SustainableDevelopmentGoal.objects.filter(
            locale=locale, live=True, number__in=data.get("sdgs") or []
        )
    )
    page.themes = list(
        Theme.objects.filter(locale=locale, live=True, code__in=data.get("themes") or [])
    )
    page.targets = list(
        SDGTarget.objects.filter(locale=locale, live=True, code__in=data.get("targets") or [])
    )
    if MAIN_IMAGE in remove:
        page.image = None
    media = [
        dict(item)
        for position, item in enumerate(page.media.raw_data)
        if _key(item.get("id"), position) not in remove
    ]
    if data.get("image"):
        page.image = _new_or_same_image(page, data, user, collection)
    held = {
        block["value"]["document"]
        for block in media
        if block["type"] == "document" and block["value"].get("document")
    }
    hashes = {
        document.get_file_hash(): document.pk
        for document in get_document_model().objects.filter(pk__in=held)
    }
    for upload in data.get("documents") or []:
        digest = _digest(upload)
        if digest in hashes:
            continue  # the same file again
        document = get_document_model().objects.create(
            title=upload.name,
            file=upload,
            file_hash=digest,
            collection=collection,
            uploaded_by_user=user,
        )
        hashes[digest] = document.pk
        media.append({"type": "document", "value": {"document": document.pk, "title": ""}})
    video = data.get("video")
    held_videos = {block["value"].get("video") for block in media if block["type"] == "video"}
    if video and video not in held_videos:
        media.append({"type": "video", "value": {"video": video, "caption": ""}})
    page.media = media


def _digest(upload):
    digest = hash_filelike(upload)
    upload.seek(0)
    return digest


def _new_or_same_image(page, data, user, collection):
    upload = data["image"]
    digest = _digest(upload)
    if page.image_id and page.image.get_file_hash() == digest:
        return page.image
    return get_image_model().objects.create(
        title=data["image_alt"],
        file=upload,
        file_hash=digest,
        collection=collection,
        uploaded_by_user=user,
    )
