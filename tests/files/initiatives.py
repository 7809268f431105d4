"""Initiatives with uploads, made as members and moderators make them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState

from knowledge.models import InitiativePage

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"


def png(colour):
    return get_test_image_file(colour=colour).file.getvalue()


def send(client, action, title, image_bytes):
    response = client.post(
        "/en/my-city/initiatives/new/",
        {
            "language": "en",
            "title": title,
            "summary": "Gardens on every roof of the district.",
            "themes": ["environment-resilience"],
            "sdgs": ["11"],
            "status": "ongoing",
            "image": SimpleUploadedFile("Kim's garden.png", image_bytes, "image/png"),
            "image_alt": "A roof garden",
            "documents": SimpleUploadedFile("Kim's plan.pdf", PDF, "application/pdf"),
            action: action,
        },
    )
    assert response.status_code == 302, response.content.decode()
    return InitiativePage.objects.get(title=title)


def uploads_of(page):
    draft = page.get_latest_revision_as_object()
    document = next(b.value["document"] for b in draft.media if b.block_type == "document")
    image = draft.image
    image.refresh_from_db()
    document.refresh_from_db()
    return image, document


def moderate(client, page, action, comment=""):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )
    assert response.status_code in (200, 302)
