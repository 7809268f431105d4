"""Who may fetch a private image, rendition or document.

Whoever may change it by Wagtail's collection permission policy (its city's members, moderators,
editors, superusers), and whoever passes every view restriction of its collection (for the
cities' upload collections: the city's contributor group and the moderators). Holding only
"choose" (translators) is not enough.
"""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from . import names


def upload_for(name):
    """The image or document a stored file `name` belongs to (a rendition's image), or None."""
    folder = names.public_part(name).split("/", 1)[0]
    if folder == "original_images":
        return get_image_model().objects.select_related("collection").filter(file=name).first()
    if folder == names.RENDITION_FOLDER:
        rendition_model = get_image_model().get_rendition_model()
        rendition = (
            rendition_model.objects.select_related("image__collection").filter(file=name).first()
        )
        return rendition.image if rendition is not None else None
    if folder == "documents":
        return get_document_model().objects.select_related("collection").filter(file=name).first()
    return None


def may_fetch(request, upload):
    user = request.user
    policy = policy_registry.get_by_type(type(upload))
    if user.is_active and policy.user_has_permission_for_instance(user, "change", upload):
        return True
    restrictions = list(upload.collection.get_view_restrictions())
    return bool(restrictions) and all(
        restriction.accept_request(request) for restriction in restrictions
    )
