"""My City's media: a video address becomes a video of the initiative's media; editing lists the
attached images, documents and videos, removes those ticked, and adds no file twice."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativePage
from tests.factories import CityIndexPageFactory, CityPageFactory

from .members import make_member, member_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"
VIDEO_ERROR_FR = (
    "Ce n'est pas l'adresse d'une vidéo que nous pouvons intégrer. Indiquez l'adresse de la "
    "page de la vidéo sur YouTube, Vimeo ou un autre site de vidéos."
)


@pytest.fixture
def city(homes):
    cities = CityIndexPageFactory(parent=homes["en"], title="Media cities", slug="media-cities")
    return CityPageFactory(parent=cities, title="Mediaville")


@pytest.fixture
def member(city):
    return member_client(make_member(city, "media@mediaville.example.org"))


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, "application/pdf")


def png(name="garden.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def create(member, language="en", **fields):
    data = {"language": "en", "title": "Rain gardens", "status": "ongoing", "save": "draft"}
    return member.post(f"/{language}/my-city/initiatives/new/", {**data, **fields})


def draft_of(page):
    return InitiativePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def media_of(page):
    return [(block.block_type, block.value) for block in draft_of(page).media]


def edit(member, page, **fields):
    data = {"title": "Rain gardens", "status": "ongoing", "save": "draft", **fields}
    return member.post(f"/en/my-city/initiatives/{page.pk}/", data)


@pytest.mark.parametrize(
    "url",
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vimeo.com/76979871"],
)
def test_a_video_address_is_stored_as_a_video_and_shown_on_the_page(
    member, client, monkeypatch, url
):
    response = create(member, video=url)

    assert response.status_code == 302
    page = InitiativePage.objects.get(title="Rain gardens")
    ((kind, value),) = media_of(page)
    assert kind == "video"
    assert value["video"].url == url

    # What the provider would answer, without asking it over the network.
    class Embed:
        html = f'<iframe title="Rain gardens video" src="{url}/embed"></iframe>'

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", lambda *args, **kwargs: Embed())
    page.get_latest_revision().publish()
    shown = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert shown.select_one(".media-video iframe")["src"] == f"{url}/embed"

    # Saving again with the same address adds no second video.
    assert edit(member, page, video=url).status_code == 302
    assert [kind for kind, _value in media_of(page)] == ["video"]


@pytest.mark.parametrize("url", ["https://example.org/my-video", "not an address"])
def test_an_address_no_video_site_knows_is_refused_in_the_members_language(member, url):
    response = create(
        member,
        language="fr",
        video=url,
        summary="Des jardins de pluie.",
        background="<p>Les rues <b>inondées</b>.</p>",
    )

    assert response.status_code == 400
    form = BeautifulSoup(response.content, "html.parser")
    errors = [p.get_text(strip=True) for p in form.select(".field__error")]
    if url.startswith("https"):
        assert errors == [VIDEO_ERROR_FR]
    else:
        assert errors == ["Saisissez une URL valide."]
    assert form.select_one("input[name=video]")["value"] == url
    assert form.select_one("input[name=title]")["value"] == "Rain gardens"
    assert form.select_one("textarea[name=summary]").get_text().strip() == "Des jardins de pluie."
    assert form.select_one("textarea[name=background]").get_text().strip() == (
        "<p>Les rues <b>inondées</b>.</p>"
    )
    assert not InitiativePage.objects.exists()


def test_editing_lists_the_attached_files_and_removes_those_ticked(member):
    create(
        member,
        documents=[pdf("plan.pdf"), pdf("budget.pdf", PDF + b"%2")],
        image=png(),
        image_alt="A garden",
    )
    page = InitiativePage.objects.get(title="Rain gardens")
    plan, budget = (value["document"] for _kind, value in media_of(page))

    form = BeautifulSoup(member.get(f"/en/my-city/initiatives/{page.pk}/").content, "html.parser")
    items = form.select("form.initiative-form .current-uploads__item")
    assert len(items) == 3
    assert [a.get_text() for a in form.select(".current-uploads__item a")] == [
        "plan.pdf",
        "budget.pdf",
    ]
    assert form.select_one(f'.current-uploads__item a[href="{plan.url}"]')
    assert member.get(plan.url).status_code == 200
    boxes = {box["value"] for box in form.select("input[name=attached-remove]")}
    blocks = {block.value["document"].pk: block.id for block in draft_of(page).media}
    assert boxes == {"image", blocks[plan.pk], blocks[budget.pk]}

    response = edit(member, page, **{"attached-remove": [blocks[plan.pk], "image"]})

    assert response.status_code == 302
    draft = draft_of(page)
    assert [value["document"].pk for _kind, value in media_of(page)] == [budget.pk]
    assert draft.image is None
    # The files stay in the city's private collection: the earlier revision names them.
    assert get_document_model().objects.filter(pk=plan.pk).exists()


def test_saving_again_or_uploading_the_same_files_adds_nothing_twice(member):
    create(member, documents=[pdf()], image=png(), image_alt="A garden")
    page = InitiativePage.objects.get(title="Rain gardens")
    image = draft_of(page).image

    assert edit(member, page).status_code == 302
    assert (
        edit(member, page, documents=[pdf()], image=png(), image_alt="A garden").status_code == 302
    )

    assert [kind for kind, _value in media_of(page)] == ["document"]
    assert draft_of(page).image == image
    assert get_document_model().objects.count() == 1
    assert get_image_model().objects.count() == 1

    # A different file is added.
    edit(member, page, documents=[pdf("annex.pdf", PDF + b"%annex")])
    assert [value["document"].title for _k, value in media_of(page)] == ["plan.pdf", "annex.pdf"]


def test_the_edit_page_makes_a_bounded_number_of_queries(member, django_assert_max_num_queries):
    create(
        member,
        documents=[pdf()],
        image=png(),
        image_alt="A garden",
        video="https://vimeo.com/76979871",
    )
    page = InitiativePage.objects.get(title="Rain gardens")
    url = f"/en/my-city/initiatives/{page.pk}/"

    def queries_of_the_edit_page():
        member.get(url)  # renditions made once
        with CaptureQueriesContext(connection) as queries:
            response = member.get(url)
        assert response.status_code == 200
        shown = BeautifulSoup(response.content, "html.parser").select(".current-uploads__item")
        return len(queries), len(shown)

    edit(member, page)  # both counts are of a page with more than one revision
    one_document = queries_of_the_edit_page()
    edit(member, page, documents=[pdf(f"doc{n}.pdf", PDF + str(n).encode()) for n in range(3)])
    four_documents = queries_of_the_edit_page()

    # The main image, the documents and the video.
    assert (one_document[1], four_documents[1]) == (3, 6)
    assert four_documents[0] == one_document[0]
    with django_assert_max_num_queries(32):
        member.get(url)


def test_an_image_of_the_media_is_listed_and_removed_too(member):
    create(member, documents=[pdf()])
    page = InitiativePage.objects.get(title="Rain gardens")
    picture = get_image_model().objects.create(title="Flooded street", file=get_test_image_file())
    draft = draft_of(page)
    draft.media = [
        {"type": "image", "value": {"image": picture.pk, "alt_text": "Flood", "decorative": False}},
        *draft.media.raw_data,
    ]
    draft.save_revision()
    image_block = draft_of(page).media[0]

    form = BeautifulSoup(member.get(f"/en/my-city/initiatives/{page.pk}/").content, "html.parser")
    assert [f.get_text() for f in form.select(".current-uploads__item figcaption")] == [
        "Flooded street"
    ]

    assert edit(member, page, **{"attached-remove": [image_block.id]}).status_code == 302
    assert [kind for kind, _value in media_of(page)] == ["document"]


def test_a_video_is_listed_with_its_address_and_removed(member):
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    create(member, video=url, documents=[pdf()])
    page = InitiativePage.objects.get(title="Rain gardens")
    video = next(block for block in draft_of(page).media if block.block_type == "video")

    form = BeautifulSoup(member.get(f"/en/my-city/initiatives/{page.pk}/").content, "html.parser")
    links = [a.get_text() for a in form.select(".current-uploads__item a")]
    assert links == ["plan.pdf", url]
    assert video.id in {box["value"] for box in form.select("input[name=attached-remove]")}

    assert edit(member, page, **{"attached-remove": [video.id]}).status_code == 302
    assert [kind for kind, _value in media_of(page)] == ["document"]
