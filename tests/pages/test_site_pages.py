"""Home, partners, SDG pages, navigation, breadcrumbs, social metadata, feeds, sitemap."""

import xml.etree.ElementTree as ET

import pytest

from knowledge.models import InitiativePage
from pages.models import NavigationMenu, PartnerPage, SDGIndexPage

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_home_page_shows_featured_initiatives_goals_events_webinars_and_partners(client):
    page = soup(client.get("/fr/"))

    featured = [a["href"] for a in page.select("#featured-heading + .card-grid .card__title a")]
    assert featured == [
        "/fr/cities/rosario/sustainable-food-production/",
        "/fr/cities/ahmedabad/womens-action-climate-resilience/",
        "/fr/cities/dar-es-salaam/school-area-road-safety/",
    ]
    tiles = page.select(".sdg-tile")
    assert len(tiles) == 17
    eleven = tiles[10]
    tagged = InitiativePage.objects.live().filter(locale__language_code="fr", sdgs__number=11)
    assert (
        eleven.select_one(".sdg-tile__count")
        .get_text(strip=True)
        .startswith(str(tagged.distinct().count()))
    )
    assert eleven["href"] == "/fr/sdgs/11/"
    assert "Villes et communautés durables" in eleven.get_text()
    assert len(page.select("#events-heading + ul li")) == 2
    assert len(page.select(".partner-list__item")) == 3
    assert page.select_one("form[role=search]")["action"] == "/fr/search/"


def test_partner_page_lists_what_it_organises_in_its_language(client):
    citynet = PartnerPage.objects.get(slug="citynet", locale__language_code="ru")

    page = soup(client.get(citynet.url))

    events = [a["href"] for a in page.select("[aria-labelledby=partner-events] a")]
    assert "/ru/events/city-to-city-exchange-climate-resilience/" in events
    assert "/ru/events/international-forum-urban-policy-sdgs-2016/" in events
    webinars = [a["href"] for a in page.select("[aria-labelledby=partner-webinars] a")]
    assert webinars == ["/ru/webinars/food-policies-for-cities/"]


def test_partner_index_groups_partners_by_kind(client):
    page = soup(client.get("/en/partners/"))
    assert [h2.get_text() for h2 in page.select(".partner-group h2")] == [
        "City network",
        "City or national government",
        "United Nations",
    ]


def test_goal_page_renders_the_goal_in_the_visitors_language(client):
    response = client.get("/fr/sdgs/11/")
    page = soup(response)

    assert page.h1.get_text() == "Villes et communautés durables"
    assert len(page.select(".target-list dt")) == 10
    initiatives = {
        a.get_text(strip=True)
        for a in page.select("#initiatives-heading + .card-grid .card__title a")
    }
    expected = InitiativePage.objects.live().filter(locale__language_code="fr", sdgs__number=11)
    assert initiatives == {initiative.title for initiative in expected}
    events = [a["href"] for a in page.select("#events-heading + ul a")]
    assert "/fr/events/international-forum-urban-policy-sdgs-2016/" in events
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs[-1] == "11. Villes et communautés durables"


@pytest.mark.parametrize("path", ["/en/sdgs/18/", "/en/sdgs/0/", "/en/sdgs/abc/", "/en/sdgs/123/"])
def test_unknown_goals_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_goal_index_lists_all_goals(client):
    page = soup(client.get(SDGIndexPage.objects.get(locale__language_code="zh-hans").url))
    assert len(page.select(".sdg-tile")) == 17
    assert "可持续的城市和社区" in page.get_text()


def test_main_menu_and_footer_come_from_the_menus_of_the_language(client):
    page = soup(client.get("/es/"))

    menu = [(a.get_text(strip=True), a["href"]) for a in page.select(".main-menu a")]
    assert [href for _, href in menu] == [
        "/es/initiatives/",
        "/es/cities/",
        "/es/events/",
        "/es/webinars/",
        # The library joined the main menu (demo.editorial), under its English slug.
        "/es/library/",
        "/es/sdgs/",
        "/es/partners/",
        "/es/acerca-de/",
        # Certification always ends the main menu, in the reader's language.
        "/es/certification/",
    ]
    assert menu[-2][0] == "Acerca de la plataforma"
    assert menu[-1][0] == "Certificación"
    footer = [a["href"] for a in page.select(".footer-links a")]
    assert footer == ["/es/acerca-de/", "/es/privacy/", "/es/terms-of-use/"]


def test_editors_change_the_menu_and_visitors_see_it(client):
    menu = NavigationMenu.objects.get(slot="main", locale__language_code="en")
    menu.items.all().delete()

    page = soup(client.get("/en/"))

    # Without links in the menu snippet, nothing breaks: only the certification link is left.
    assert [a["href"] for a in page.select(".main-menu a")] == ["/en/certification/"]


def test_without_a_menu_the_pages_shown_in_menus_are_listed(client):
    NavigationMenu.objects.filter(slot="main", locale__language_code="ru").delete()

    links = [a["href"] for a in soup(client.get("/ru/")).select(".main-menu a")]

    assert "/ru/o-platforme/" in links
    assert "/ru/initiatives/" in links


def test_breadcrumbs_lead_from_home_to_the_page(client):
    page = soup(client.get("/en/cities/seoul/big-data-urban-management/"))

    crumbs = [
        (li.get_text(strip=True), li.a["href"] if li.a else None)
        for li in page.select(".breadcrumbs li")
    ]
    assert crumbs == [
        ("Home", "/en/"),
        ("Cities", "/en/cities/"),
        ("Seoul", "/en/cities/seoul/"),
        ("Big data for urban planning and management", None),
    ]


def test_pages_carry_opengraph_and_twitter_metadata(client):
    page = soup(client.get("/fr/cities/milan/milan-food-policy/"))

    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta[content]")
    }
    assert meta["og:title"] == "Politique alimentaire de Milan"
    assert meta["og:type"] == "article"
    assert meta["og:locale"] == "fr_FR"
    assert meta["og:url"] == "http://testserver/fr/cities/milan/milan-food-policy/"
    french = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="fr")
    assert meta["og:description"] == french.summary
    # The demo initiative has a picture: it is shared large, as a rendition of the picture.
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["description"] == meta["og:description"]


def test_feeds_per_language_filterable_by_goal(client):
    response = client.get("/fr/feeds/initiatives.rss", {"sdg": "13"})
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    titles = {item.findtext("title") for item in channel.findall("item")}
    expected = InitiativePage.objects.live().filter(locale__language_code="fr", sdgs__number=13)
    assert titles == {initiative.title for initiative in expected}

    atom = client.get("/ar/feeds/events.atom")
    assert atom.status_code == 200
    root = ET.fromstring(atom.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 5
    links = [entry.find("{http://www.w3.org/2005/Atom}link").get("href") for entry in entries]
    assert all(link.startswith("http://testserver/ar/events/") for link in links)

    assert client.get("/en/feeds/webinars.rss", {"theme": "nope"}).status_code == 400


def test_sitemap_lists_every_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", namespace)}
    for address in [
        "http://testserver/en/",
        "http://testserver/ar/about/",
        "http://testserver/fr/a-propos/",
        "http://testserver/zh-hans/cities/seoul/",
        "http://testserver/es/sdgs/11/",
        "http://testserver/ru/events/asia-pacific-urban-forum-6/",
    ]:
        assert address in urls


def test_sitemap_leaves_out_drafts(client):
    from pages.models import HomePage
    from tests.factories import StandardPageFactory

    StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"), title="Secret draft", live=False
    )

    assert b"secret-draft" not in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
