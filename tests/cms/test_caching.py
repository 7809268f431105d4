"""Cache headers, conditional requests, the application cache and its invalidation, CORS."""

from django.test import Client

from wagtail.models import Page

import pytest

from knowledge.base import cache_tags
from knowledge.initiatives import related
from knowledge.models import CityPage, InitiativePage
from pages.models import NavigationMenu
from tests.factories import InitiativePageFactory
from tests.knowledge.members import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

PARTNER = "https://partner.example.org"


@pytest.fixture
def initiative():
    return InitiativePage.objects.live().filter(locale__language_code="en").first()


@pytest.fixture
def response_cache(settings):
    settings.RESPONSE_CACHE_SECONDS = 600


def test_anonymous_pages_are_public_with_validators_and_tags(client, initiative):
    response = client.get(initiative.url)

    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=600"}
    assert response["ETag"].startswith('W/"')
    assert response.has_header("Last-Modified")
    # The page's own tag and what it shows besides; no listing tag, so publishing another
    # initiative keeps it cached. The menus, kept as fragments, name the pages they link to
    # (cms.navigation), and the awards section its results ("awards", purged by any award change).
    linked = {
        f"page-{item.link_page_id}"
        for menu in NavigationMenu.objects.filter(locale__language_code="en")
        for item in menu.items.all()
        if item.link_page_id
    }
    # The related initiatives, kept with the page, name the pages and cities of their cards,
    # and the contact form the city's members (whether someone can be written to).
    cards = list(related.related_initiatives(initiative))
    assert cards
    shown = {f"page-{page.pk}" for page in cards} | {f"page-{page.city_id}" for page in cards}
    assert set(response["X-Cache-Tags"].split(",")) == {
        "all",
        "menu",
        f"page-{initiative.pk}",
        f"interaction-{initiative.translation_key}",
        "shows-initiativepage",
        "awards",
        f"page-{initiative.city_id}",
        f"city-{initiative.city.translation_key}",
        *linked,
        *shown,
    }
    # No cookie: the contact form of visitors carries no CSRF token.
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


@pytest.mark.parametrize(
    "path, tag",
    [
        ("/en/initiatives/", "list-page"),
        ("/fr/", "list-page"),
        ("/api/v2/pages/?type=knowledge.InitiativePage&fields=*", "list-initiativepage"),
        ("/api/v2/pages/?type=pages.EventPage", "list-eventpage"),
        ("/api/v2/pages/", "list-page"),
        ("/api/v2/search/?q=water", "list-page"),
        ("/api/v2/sdgs/", "list-page"),
        ("/api/v2/images/", "list-image"),
        ("/en/feeds/initiatives.rss", "list-initiativepage"),
        ("/en/certification/", "certificates"),
        ("/api/v2/certificates/", "certificates"),
        ("/opendata/", "opendata"),
    ],
)
def test_listings_carry_the_tag_of_what_they_list(client, path, tag):
    response = client.get(path)

    assert response.status_code == 200
    assert tag in response["X-Cache-Tags"].split(",")
    assert "public" in response["Cache-Control"]


def test_api_detail_is_tagged_with_its_page_and_varies_on_language(client, initiative):
    response = client.get(f"/api/v2/pages/{initiative.pk}/")

    assert set(response["X-Cache-Tags"].split(",")) == {
        "all",
        f"page-{initiative.pk}",
        f"interaction-{initiative.translation_key}",
        "shows-initiativepage",
    }
    assert "Accept-Language" in response["Vary"]


def test_matching_etag_is_answered_304(client, initiative):
    for path in (initiative.url, f"/api/v2/pages/{initiative.pk}/", "/api/v2/sdgs/"):
        first = client.get(path)
        again = client.get(path, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, path
        assert again.content == b""
        other = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200


def test_signed_in_and_unsafe_requests_are_private(client, initiative):
    city = CityPage.objects.get(slug="quito", locale__language_code="en")
    client.force_login(make_member(city, "cache@quito.example.org"))

    response = client.get(initiative.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("X-Cache-Tags")


def test_errors_and_previews_are_not_public(client):
    assert "public" not in client.get("/en/no-such-page/").get("Cache-Control", "")
    preview = client.get("/api/v2/preview/?token=bad")
    assert "public" not in preview.get("Cache-Control", "")


def test_application_cache_answers_without_queries(
    client, initiative, response_cache, django_assert_num_queries
):
    path = f"/api/v2/pages/{initiative.pk}/"
    first = client.get(path)

    with django_assert_num_queries(0):
        again = client.get(path)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_publishing_invalidates_cached_details_and_listings(
    client, initiative, response_cache, django_capture_on_commit_callbacks
):
    detail = f"/api/v2/pages/{initiative.pk}/"
    listing = "/api/v2/pages/?type=knowledge.InitiativePage&locale=en&limit=100"
    html = initiative.url
    assert client.get(detail).json()["title"] == initiative.title
    assert "Cache refresh check" not in client.get(listing).content.decode()
    client.get(html)
    purged = cache_tags.last_purge([f"page-{initiative.pk}", "list-initiativepage"])

    # A draft changes nothing that is public: nothing is purged, cached copies stay.
    initiative.title = "Cache refresh check draft"
    with django_capture_on_commit_callbacks(execute=True):
        initiative.save_revision()
    assert cache_tags.last_purge([f"page-{initiative.pk}", "list-initiativepage"]) == purged
    assert "draft" not in client.get(detail).json()["title"]

    with django_capture_on_commit_callbacks(execute=True):
        initiative.title = "Cache refresh check"
        initiative.save_revision().publish()
        city = CityPage.objects.get(slug="quito", locale__language_code="en")
        InitiativePageFactory(parent=city, title="Cache refresh newcomer", sdgs=[11])

    assert cache_tags.last_purge([f"page-{initiative.pk}"]) > purged
    assert client.get(detail).json()["title"] == "Cache refresh check"
    titles = [item["title"] for item in client.get(listing).json()["items"]]
    assert "Cache refresh check" in titles
    assert "Cache refresh newcomer" in titles
    assert "Cache refresh check" in client.get(html).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        initiative.unpublish()
    assert client.get(detail).status_code == 404
    assert "Cache refresh check" not in client.get(listing).content.decode()


def test_deleting_and_moving_invalidate(client, response_cache, django_capture_on_commit_callbacks):
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    other = CityPage.objects.filter(locale__language_code="en").exclude(pk=quito.pk).first()
    with django_capture_on_commit_callbacks(execute=True):
        moving = InitiativePageFactory(parent=quito, title="Cache moving", sdgs=[11])
        leaving = InitiativePageFactory(parent=quito, title="Cache leaving", sdgs=[11])
    old_url = moving.url
    listing = "/api/v2/pages/?type=knowledge.InitiativePage&locale=en&limit=100&fields=city"
    assert client.get(old_url).status_code == 200
    items = {item["title"]: item for item in client.get(listing).json()["items"]}
    assert items["Cache moving"]["city"]["id"] == quito.pk

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=moving.pk).move(other, pos="last-child")
        Page.objects.get(pk=leaving.pk).delete()

    # Wagtail leaves a redirect from the old address to the new one.
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith(f"/{other.slug}/cache-moving/")
    items = {item["title"]: item for item in client.get(listing).json()["items"]}
    assert items["Cache moving"]["city"]["id"] == other.pk
    assert "Cache leaving" not in items


def test_cors_headers_only_for_listed_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]

    listed = client.get("/api/v2/sdgs/", headers={"Origin": PARTNER})
    unlisted = client.get("/api/v2/sdgs/", headers={"Origin": "https://evil.example.com"})
    html = client.get("/en/", headers={"Origin": PARTNER})
    preflight = client.options(
        "/api/v2/pages/",
        headers={"Origin": PARTNER, "Access-Control-Request-Method": "GET"},
    )

    assert listed["Access-Control-Allow-Origin"] == PARTNER
    assert "ETag" in listed["Access-Control-Expose-Headers"]
    assert "origin" in listed["Vary"].lower()
    assert not unlisted.has_header("Access-Control-Allow-Origin")
    assert not html.has_header("Access-Control-Allow-Origin")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == PARTNER
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_member_contact_form_still_checks_csrf():
    city = CityPage.objects.get(slug="quito", locale__language_code="en")
    page = city
    form = {
        "contact-name": "Ana",
        "contact-email": "ana@example.org",
        "contact-message": "Hello",
    }
    member = Client(enforce_csrf_checks=True)
    member.force_login(make_member(city, "csrf@quito.example.org"))

    assert member.post(f"/en/interact/pages/{page.pk}/contact/", form).status_code == 403
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.post(f"/en/interact/pages/{page.pk}/contact/", form).status_code != 403


def test_responses_are_shared_through_redis_and_dropped_on_publish(
    client, initiative, redis_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    path = f"/api/v2/pages/{initiative.pk}/"
    client.get(path)
    assert any(b"usdg-response" in key for key in redis_cache.keys("*"))

    with django_assert_num_queries(0):
        assert client.get(path).json()["title"] == initiative.title

    # The purge clock and the tags' purge times live in Redis too, so every app process sharing
    # it refuses the old copies at once.
    with django_capture_on_commit_callbacks(execute=True):
        initiative.title = "Published through Redis"
        initiative.save_revision().publish()
    assert client.get(path).json()["title"] == "Published through Redis"
    assert any(b"usdg:cache-clock" in key for key in redis_cache.keys("*"))
    assert any(f"usdg:cache-tag:page-{initiative.pk}".encode() in k for k in redis_cache.keys("*"))
    # Every key has a time to live.
    assert [key for key in redis_cache.keys("*") if redis_cache.ttl(key) < 0] == []


def _middleware(view):
    from cms.caching import PublicCacheMiddleware

    return PublicCacheMiddleware(view)


def test_a_copy_made_while_its_tags_were_purged_is_kept_by_no_cache(rf, response_cache):
    from django.http import HttpResponse

    def view(request):
        cache_tags.add("page-1")
        cache_tags.advance(["page-1"])  # a publication commits while this renders
        return HttpResponse("old state")

    response = _middleware(view)(rf.get("/en/racing/"))

    assert response.status_code == 200 and response.content == b"old state"
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert not response.has_header("X-Cache-Tags")
    calls = []
    _middleware(lambda request: calls.append(1) or HttpResponse("new"))(rf.get("/en/racing/"))
    assert calls == [1]  # nothing was kept: the next reader's request is made again


def test_a_kept_copy_is_refused_once_one_of_its_tags_is_purged(rf, response_cache):
    from django.http import HttpResponse

    renders = []

    def view(request):
        renders.append(1)
        cache_tags.add("page-7", "list-page")
        return HttpResponse(f"rendering {len(renders)}")

    middleware = _middleware(view)
    assert middleware(rf.get("/en/kept/")).content == b"rendering 1"
    assert middleware(rf.get("/en/kept/")).content == b"rendering 1"
    cache_tags.advance(["unrelated"])
    assert middleware(rf.get("/en/kept/")).content == b"rendering 1"

    cache_tags.advance(["page-7"])

    assert middleware(rf.get("/en/kept/")).content == b"rendering 2"


def test_other_cookies_share_one_copy_and_query_strings_are_bounded(
    client, initiative, redis_cache, settings
):
    import secrets

    for _ in range(100):
        client.cookies.clear()
        client.cookies[f"c{secrets.token_hex(4)}"] = secrets.token_hex(16)
        assert client.get(initiative.url).status_code == 200
    assert len(redis_cache.keys("*usdg-response:*")) == 1

    settings.RESPONSE_CACHE_VARIANTS = 5
    for number in range(20):
        client.get(initiative.url, {"utm": str(number)})
    assert len(redis_cache.keys("*usdg-response:*")) == 1 + 5
