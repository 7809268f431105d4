"""My City's sections of rich text: bold, italic, links and lists go from the form to the page
and back into the form unchanged; what is not allowed is dropped before it reaches the page."""

from wagtail.rich_text import expand_db_html

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativePage
from tests.factories import CityIndexPageFactory, CityPageFactory, StandardPageFactory

from .members import make_member, member_client

pytestmark = pytest.mark.django_db

FORMATTED = (
    "<p>Heat waves are <b>longer</b> and <i>hotter</i>; see "
    '<a href="https://example.org/heat?year=2024&amp;city=1">the heat plan</a>.</p>'
    "<ul><li>Libraries</li><li>Community centres</li></ul>"
    "<ol><li>Warn</li><li>Open</li></ol>"
)


@pytest.fixture
def city(homes):
    cities = CityIndexPageFactory(parent=homes["en"], title="Rich cities", slug="rich-cities")
    return CityPageFactory(parent=cities, title="Textville")


@pytest.fixture
def member(city):
    return member_client(make_member(city, "writer@textville.example.org"))


def create(member, **sections):
    data = {"language": "en", "title": "Cool rooms", "status": "ongoing", "save": "draft"}
    response = member.post("/en/my-city/initiatives/new/", {**data, **sections})
    assert response.status_code == 302, response.content.decode()[:2000]
    return InitiativePage.objects.get(title=data["title"])


def draft_of(page):
    return InitiativePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def edit_form(member, page):
    response = member.get(f"/en/my-city/initiatives/{page.pk}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text_of(form, name):
    """What the browser shows in a textarea (it drops the newline after the opening tag)."""
    return form.select_one(f"textarea[name={name}]").get_text().removeprefix("\n")


def resubmit(member, page, form):
    """Post the edit form back as it was shown."""
    data = {"save": "draft"}
    for field in form.select("form.initiative-form input[name], form.initiative-form textarea"):
        if field.get("type") in ("file", "submit", "checkbox"):
            continue
        if field.name == "textarea":
            data[field["name"]] = text_of(form, field["name"])
        else:
            data[field["name"]] = field.get("value", "")
    for select in form.select("form.initiative-form select"):
        data[select["name"]] = [o["value"] for o in select.select("option[selected]")]
    response = member.post(f"/en/my-city/initiatives/{page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_bold_italic_links_and_lists_round_trip(member):
    page = create(member, background=FORMATTED, actions="Open the rooms.\n\nTell people.")

    draft = draft_of(page)
    assert draft.background == FORMATTED
    assert draft.actions == "<p>Open the rooms.</p><p>Tell people.</p>"

    form = edit_form(member, page)
    assert text_of(form, "background") == FORMATTED
    assert text_of(form, "actions") == draft.actions

    resubmit(member, page, form)
    draft = draft_of(page)
    assert draft.background == FORMATTED
    assert draft.actions == "<p>Open the rooms.</p><p>Tell people.</p>"
    assert page.revisions.count() == 2


def test_a_link_to_a_page_of_the_site_is_edited_by_address_and_stored_by_id(member, homes):
    target = StandardPageFactory(parent=homes["en"], title="Heat plan", slug="heat-plan")
    page = create(member, title="Cool rooms")
    # As the admin's editor stores it; saved again here, the attributes may change order.
    stored = f'<p>Read <a linktype="page" id="{target.pk}">the plan</a>.</p>'
    draft = draft_of(page)
    draft.background = stored
    draft.save_revision()

    form = edit_form(member, page)
    shown = text_of(form, "background")
    assert f'data-id="{target.pk}"' in shown and 'data-linktype="page"' in shown

    resubmit(member, page, form)
    saved = BeautifulSoup(draft_of(page).background, "html.parser").a
    assert (saved.attrs, saved.get_text()) == (
        {"id": str(target.pk), "linktype": "page"},
        "the plan",
    )
    assert expand_db_html(draft_of(page).background) == (
        f'<p>Read <a href="{target.url}">the plan</a>.</p>'
    )


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("<p>Hello<script>alert('x')</script> world</p>", "<p>Hello world</p>"),
        ('<p onclick="steal()" style="color:red">Hello</p>', "<p>Hello</p>"),
        ('<p><a href="javascript:alert(1)">Click</a> me</p>', "<p><a>Click</a> me</p>"),
        (
            '<p><img src="x" onerror="steal()"><iframe src="https://evil.example"></iframe>Hi</p>',
            "<p>Hi</p>",
        ),
        ("<script>alert('x')</script>", ""),
    ],
)
def test_scripts_event_attributes_and_javascript_links_are_dropped(member, typed, stored):
    page = create(member, background=typed)

    assert draft_of(page).background == stored


def test_plain_text_characters_are_kept_as_text(member):
    page = create(member, budget="Fish & chips < 5 euros\nper person")

    assert draft_of(page).budget == "<p>Fish &amp; chips &lt; 5 euros<br/>per person</p>"


def test_the_admin_editor_still_edits_the_sections(admin_client, member):
    page = create(member, background=FORMATTED)

    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert "Heat waves are longer and hotter; see the heat plan." in response.content.decode()
