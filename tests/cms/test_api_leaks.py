"""Nothing that is not live and public reaches the API or the public HTML: drafts, pending
changes, private pages, pages in moderation, declined initiatives, revoked certificates,
uploads in private collections and certification evidence, through any endpoint, filter,
search, expansion or media listing."""

from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

import pytest

from certification import committee, setup, workflow
from certification.models import CertifyingBody
from knowledge.initiatives.moderation import submit_for_moderation
from knowledge.members import membership as members
from knowledge.models import CityPage, InitiativeDecision
from pages.models import StandardPage
from tests.certification.conftest import fill_in, make_reviewer, make_user, review_all
from tests.factories import InitiativePageFactory
from tests.knowledge.members import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

MARK = "Leakcheck"
# What must never appear (the query itself may be echoed back by search pages).
HIDDEN = [
    f"{MARK} draft",
    f"{MARK} pending change",
    f"{MARK} private",
    f"{MARK} in moderation",
    f"{MARK} declined",
    f"{MARK} image",
    f"{MARK} document",
    f"{MARK} narrative",
    f"{MARK} revoked",
    "leakcheck.pdf",
]


@pytest.fixture
def hidden_things(django_capture_on_commit_callbacks):
    city = CityPage.objects.get(slug="quito", locale__language_code="en")
    member = make_member(city, "leak@quito.example.org")
    pages = {}
    pages["draft"] = InitiativePageFactory(
        parent=city, title=f"{MARK} draft", live=False, sdgs=[11], themes=["transport"]
    )
    pending = InitiativePageFactory(parent=city, title="Visible initiative", sdgs=[11])
    pending.title = f"{MARK} pending change"
    pending.save_revision()
    pages["private"] = InitiativePageFactory(parent=city, title=f"{MARK} private", sdgs=[11])
    PageViewRestriction.objects.create(
        page=pages["private"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    moderated = InitiativePageFactory(
        parent=city, title=f"{MARK} in moderation", live=False, sdgs=[11]
    )
    submit_for_moderation(moderated, member)
    pages["moderation"] = moderated
    declined = InitiativePageFactory(parent=city, title=f"{MARK} declined", live=False)
    InitiativeDecision.objects.create(page=declined, reason="No")
    pages["declined"] = declined

    collection = members.ensure_city_group(city).collection
    image = get_image_model().objects.create(
        title=f"{MARK} image", file=get_test_image_file(), collection=collection
    )
    # A live page showing a private upload: the API gives the block as null.
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": f"{MARK} image"}},
    ]
    about.save_revision().publish()
    document = get_document_model()(title=f"{MARK} document", collection=collection)
    from django.core.files.base import ContentFile

    document.file.save("leakcheck.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)

    secretariat = make_user("leak-secretary", setup.SECRETARIAT)
    reviewer = make_reviewer("leak-reviewer", ["en"])
    application = workflow.start(city.translation_key, member, "en")
    fill_in(application, member)
    application.answers.filter(criterion_code="Q1").update(narrative=f"{MARK} narrative")
    workflow.submit(application, member)
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(), False, "", reviewer)
    application.refresh_from_db()
    review_all(application, reviewer)
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    certificate = committee.issue_certificate(application, body, secretariat)
    committee.revoke(certificate, secretariat, f"{MARK} revoked")
    return {"city": city, "pages": pages, "certificate": certificate}


def test_nothing_hidden_is_reachable(hidden_things):
    client = Client()
    city = hidden_things["city"]
    home = city.get_parent().get_parent()
    initiatives = {"type": "knowledge.InitiativePage"}
    requests = [
        ("/api/v2/pages/", {"search": MARK}),
        ("/api/v2/pages/", {**initiatives, "fields": "*", "limit": 100}),
        ("/api/v2/pages/", {**initiatives, "fields": "*", "sdg": "11", "limit": 100}),
        ("/api/v2/pages/", {**initiatives, "theme": "transport", "country": "EC"}),
        ("/api/v2/pages/", {**initiatives, "city": str(city.pk), "fields": "*"}),
        ("/api/v2/pages/", {"child_of": str(city.pk), "fields": "*"}),
        ("/api/v2/pages/", {"descendant_of": str(home.pk), "limit": 100}),
        ("/api/v2/pages/", {"type": "knowledge.CityPage", "fields": "*", "limit": 100}),
        ("/api/v2/pages/", {"type": "pages.StandardPage", "fields": "*", "limit": 100}),
        ("/api/v2/pages/", {"search": MARK, "search_operator": "or"}),
        ("/api/v2/search/", {"q": MARK}),
        ("/api/v2/images/", {"limit": 100}),
        ("/api/v2/images/", {"search": MARK}),
        ("/api/v2/documents/", {"limit": 100}),
        ("/api/v2/documents/", {"search": MARK}),
        ("/api/v2/certificates/", {}),
        ("/en/search/", {"q": MARK}),
        ("/en/initiatives/", {"q": MARK}),
        (city.url, {}),
        ("/en/certification/", {}),
        ("/sitemap.xml", {}),
    ]
    for path, params in requests:
        response = client.get(path, params)
        assert response.status_code == 200, (path, params)
        body = response.content.decode()
        for hidden in HIDDEN:
            assert hidden not in body, (hidden, path, params)
        assert hidden_things["certificate"].number not in body, (path, params)

    for page in hidden_things["pages"].values():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        # A hidden parent is answered as a page that does not exist.
        children = client.get("/api/v2/pages/", {"child_of": page.pk})
        assert children.status_code == 404
        assert children.json() == {"message": f"child_of: There is no page with the id {page.pk}."}
    # The revoked certificate is verifiable, and says it is revoked.
    number = hidden_things["certificate"].number
    verification = client.get(f"/en/certification/verify/{number}/").content.decode()
    assert "Revoked" in verification
