"""The certification's tools in the library: moved from certification.Tool rows, linked from the
gaps of stage reports (HTML and PDF), found by the site search in every language."""

import io
import uuid

from django.utils.html import escape

from wagtail.models import Locale

import pytest
from pypdf import PdfReader

from certification.library_tools import move_tools_to_library
from certification.models import Tool
from library.models import LibraryIndexPage, LibraryItemPage
from tests.certification.conftest import review_all

pytestmark = pytest.mark.django_db


def test_moving_tool_rows_keeps_each_in_every_language_with_its_criteria():
    key = uuid.uuid4()
    english = Tool.objects.create(
        locale=Locale.objects.get(language_code="en"),
        translation_key=key,
        code="participatory-budgeting",
        kind="guide",
        title="Participatory budgeting guide",
        publisher="UN-Habitat",
        description="How to open the budget to residents.",
        url="https://unhabitat.org/pb",
        theme_codes="governance, finance",
        criterion_codes="P2, E1",
    )
    french = Tool.objects.create(
        locale=Locale.objects.get(language_code="fr"),
        translation_key=key,
        code="participatory-budgeting",
        kind="guide",
        title="Guide du budget participatif",
        publisher="ONU-Habitat",
        description="Ouvrir le budget aux habitants.",
        url="https://unhabitat.org/pb",
        theme_codes="governance, finance",
        criterion_codes="P2, E1",
    )
    made = move_tools_to_library(Tool.objects.filter(pk__in=[english.pk, french.pk]))
    assert len(made) == 2
    items = {
        item.locale.language_code: item
        for item in LibraryItemPage.objects.filter(code="participatory-budgeting")
    }
    assert set(items) == {"en", "fr"}
    assert items["en"].translation_key == items["fr"].translation_key == key
    assert items["fr"].title == "Guide du budget participatif"
    assert items["fr"].publisher == "ONU-Habitat"
    assert items["fr"].get_parent().specific_class is LibraryIndexPage
    assert items["fr"].get_parent().locale.language_code == "fr"
    for item in items.values():
        assert item.live
        assert item.kind == "guide"
        assert item.link == "https://unhabitat.org/pb"
        assert item.criteria == ["P2", "E1"]
        assert sorted(item.theme_codes) == ["finance", "governance"]
        assert {theme.locale_id for theme in item.themes.all()} == {item.locale_id}
    assert "Ouvrir le budget aux habitants." in items["fr"].abstract
    # Again: nothing more.
    assert move_tools_to_library() == []
    assert LibraryItemPage.objects.filter(code="participatory-budgeting").count() == 2


def test_migrate_moved_the_seeded_tools_in_six_languages():
    for language in ("en", "ar", "zh-hans", "fr", "ru", "es"):
        tools = Tool.objects.filter(locale__language_code=language)
        items = LibraryItemPage.objects.live().filter(locale__language_code=language)
        assert sorted(items.values_list("code", flat=True)) == sorted(
            tools.values_list("code", flat=True)
        )
        for tool in tools:
            item = items.get(code=tool.code)
            assert (item.title, item.criteria, item.link) == (tool.title, tool.criteria, tool.url)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_site_search_finds_a_library_item_by_its_title(client, language):
    item = LibraryItemPage.objects.get(
        code="global-urban-monitoring-framework", locale__language_code=language
    )
    word = max(item.title.split(), key=len)
    response = client.get(f"/api/v2/search/?q={word}&locale={language}")
    assert response.status_code == 200
    found = [entry for entry in response.json()["items"] if entry["id"] == item.pk]
    assert found and found[0]["type"] == "library.LibraryItemPage"
    assert found[0]["title"] == item.title
    html = client.get(f"/{language}/search/?q={word}").content.decode()
    assert escape(item.title) in html


def test_a_gap_in_the_stage_report_links_to_a_library_tool(
    in_review, reviewer, quito_client, make_item
):
    tool = make_item(
        "Aaa community consultation toolkit",
        kind="tool",
        criterion_codes="Q3",
        publisher="UN-Habitat",
    )
    application = review_all(in_review, reviewer, results={"Q3": "not_met"})
    base = f"/en/certification/applications/{application.pk}/"
    html = quito_client.get(base + "report/").content.decode()
    gaps = html.split('id="gaps-heading"')[1]
    q3 = gaps.split("Q3.")[1]
    assert f'href="{tool.full_url}"' in q3
    assert "Aaa community consultation toolkit" in q3
    pdf = quito_client.get(base + "report.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Aaa community consultation toolkit" in text
    # The certification page's "Tools and resources" are the library's.
    index = quito_client.get("/en/certification/").content.decode()
    tools = index.split('id="tools-heading"')[1]
    assert tool.url in tools
    assert "/en/library/?kind=tool" in tools
