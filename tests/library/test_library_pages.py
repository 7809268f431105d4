"""Library items: a document or a link, the filtered index, the SDG page, the API, permissions."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from knowledge.models import CityPage
from library.models import LibraryItemPage
from tests.factories import client_for, make_user
from tests.knowledge.members import make_member

pytestmark = pytest.mark.django_db


def test_an_item_needs_a_document_or_a_link(library):
    item = LibraryItemPage(title="Urban Indicators Guidelines", slug="uig", kind="guide")
    with pytest.raises(ValidationError) as error:
        library.add_child(instance=item)
    assert "Give a document or a link" in str(error.value.message_dict["link"])
    assert not LibraryItemPage.objects.filter(slug="uig").exists()
    library.add_child(
        instance=LibraryItemPage(
            title="Urban Indicators Guidelines",
            slug="uig",
            kind="guide",
            link="https://unhabitat.org/uig",
        )
    )
    document = get_document_model().objects.create(
        title="UIG", file=ContentFile(b"%PDF-1.4", name="uig.pdf")
    )
    library.add_child(
        instance=LibraryItemPage(title="UIG (PDF)", slug="uig-pdf", kind="guide", document=document)
    )
    assert LibraryItemPage.objects.filter(slug__in=["uig", "uig-pdf"]).count() == 2


def test_unknown_languages_are_refused(library):
    item = LibraryItemPage(
        title="X", slug="x", kind="guide", link="https://example.org", languages=["fr", "xx"]
    )
    with pytest.raises(ValidationError) as error:
        library.add_child(instance=item)
    assert "xx" in str(error.value.message_dict["languages"])


def test_the_index_filters_by_kind_sdg_theme_language_and_year(
    client, make_item, django_assert_max_num_queries
):
    make_item(
        "Water handbook", sdgs=[6], themes=["water-sanitation"], year=2019, languages=["en", "fr"]
    )
    make_item(
        "Housing toolkit", kind="tool", sdgs=[11], themes=["housing"], year=2021, languages=["es"]
    )
    make_item("Draft notes", sdgs=[6], live=False)

    def titles(query):
        response = client.get(f"/en/library/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {t for t in ("Water handbook", "Housing toolkit", "Draft notes") if t in html}

    assert titles("") == {"Water handbook", "Housing toolkit"}
    assert titles("sdg=6") == {"Water handbook"}
    assert titles("theme=housing") == {"Housing toolkit"}
    assert titles("kind=tool") == {"Housing toolkit"}
    assert titles("language=fr") == {"Water handbook"}
    assert titles("language=es,fr") == {"Water handbook", "Housing toolkit"}
    assert titles("year=2021") == {"Housing toolkit"}
    assert titles("sdg=6&year=2021") == set()

    response = client.get("/en/library/?kind=novel")
    assert response.status_code == 400
    assert "There is no kind “novel”." in response.content.decode()
    response = client.get("/fr/library/?language=klingon")
    assert response.status_code == 400
    assert "klingon" in response.content.decode()

    # Each measured address is new to the response cache; another request warms the rest.
    client.get("/en/library/?theme=housing&page=1")
    with django_assert_max_num_queries(40) as few:
        client.get("/en/library/?sdg=6&page=1")
    limit = len(few.captured_queries)  # before another request resets the connection's log
    for number in range(8):
        make_item(f"Extra {number}", sdgs=[6], year=2000 + number, languages=["fr"])
    client.get("/en/library/?language=es")
    with django_assert_max_num_queries(limit):
        response = client.get("/en/library/?sdg=6&kind=publication")
    assert "Extra 7" in response.content.decode()


def test_the_sdg_page_lists_its_library_items(client, make_item, demo_content):
    make_item("Water handbook", sdgs=[6], year=2019)
    make_item("Housing toolkit", sdgs=[11], year=2021)
    html = client.get("/en/sdgs/6/").content.decode()
    section = html.split('id="library-heading"')[1]
    assert "Water handbook" in section
    assert "Housing toolkit" not in html
    assert "/en/library/?sdg=6" in section


def test_the_api_gives_the_items_fields(client, make_item):
    document = get_document_model().objects.create(
        title="Handbook PDF", file=ContentFile(b"%PDF-1.4", name="handbook.pdf")
    )
    item = make_item(
        "Water handbook",
        sdgs=[6],
        themes=["water-sanitation"],
        year=2019,
        languages=["en", "fr"],
        publisher="UN-Habitat",
        document=document,
        criterion_codes="Q1, P2",
        code="water-handbook",
    )
    response = client.get(
        "/api/v2/pages/?type=library.LibraryItemPage&locale=en&kind=publication&fields=*"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["total_count"] == 1
    found = body["items"][0]
    assert found["id"] == item.pk
    assert set(found) == {
        "id",
        "meta",
        "title",
        "code",
        "kind",
        "publisher",
        "year",
        "languages",
        "document",
        "link",
        "abstract",
        "sdgs",
        "themes",
        "criteria",
        "translations",
    }
    assert found["kind"] == "publication"
    assert found["year"] == 2019
    assert found["languages"] == [
        {"code": "en", "name": "English"},
        {"code": "fr", "name": "French"},
    ]
    assert found["document"]["id"] == document.pk
    assert found["document"]["url"].startswith("http://")
    assert found["criteria"] == ["Q1", "P2"]
    assert [goal["number"] for goal in found["sdgs"]] == [6]
    assert [theme["code"] for theme in found["themes"]] == ["water-sanitation"]
    response = client.get("/api/v2/pages/?type=library.LibraryItemPage&language=xx")
    assert response.status_code == 400
    assert "language" in response.json()["message"]
    filtered = client.get("/api/v2/pages/?type=library.LibraryItemPage&locale=en&sdg=6").json()
    assert [entry["id"] for entry in filtered["items"]] == [item.pk]


def test_editors_add_library_items_and_city_members_do_not(library, demo_content):
    editor = client_for(make_user("editor", "Editors"))
    add = f"/admin/pages/add/library/libraryitempage/{library.pk}/"
    assert editor.get(add).status_code == 200
    response = editor.post(
        add,
        {
            "title": "Urban Indicators Guidelines",
            "slug": "urban-indicators-guidelines",
            "kind": "guide",
            "link": "",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200  # the form again: neither a document nor a link
    assert not LibraryItemPage.objects.filter(slug="urban-indicators-guidelines").exists()
    response = editor.post(
        add,
        {
            "title": "Urban Indicators Guidelines",
            "slug": "urban-indicators-guidelines",
            "kind": "guide",
            "link": "https://unhabitat.org/uig",
            "year": "2016",
            "languages": ["en", "fr"],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    item = LibraryItemPage.objects.get(slug="urban-indicators-guidelines")
    assert item.live and item.languages == ["en", "fr"]

    city = CityPage.objects.get(title="Cape Town", locale__language_code="en")
    member = client_for(make_member(city, "member@example.org"))
    assert member.get(add).status_code in (302, 403)
    assert member.get(f"/admin/pages/{item.pk}/edit/").status_code in (302, 403)
