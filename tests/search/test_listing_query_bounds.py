"""SQL per request does not grow with the number of items, for the listings that
tests/cms/test_queries_per_listing.py does not measure: the initiatives' exports, the events' and
webinars' calendars, the other feeds, an SDG's page, the library, the partners, the awards (the
index, a cycle's winners, the API), the images and documents API and the exchanges (My City's,
the partners' area, the API). Each is measured with 5 items and with 50: the same number of
queries, and below a bound. A light site made by the factories."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from awards.models import AwardCycle, AwardProgramme, Nomination, Rank
from exchanges import services
from exchanges.models import Exchange, PartnerAccount
from knowledge.models import SustainableDevelopmentGoal
from library.models import LibraryIndexPage
from pages.models import PartnerIndexPage, PartnerPage, SDGIndexPage
from tests.cms.test_queries_per_listing import FEW, MANY, Site, queries
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativePageFactory,
    client_for,
    make_user,
)
from tests.knowledge.members import make_member
from tests.library.conftest import LibraryItemPageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

BOUND = 40  # queries of any one listing here, whatever its size

SITE_PATHS = [
    "/en/initiatives/export/csv/",
    "/en/initiatives/export/xlsx/",
    "/en/initiatives/export/csv/?sdg=11&theme=transport",
    "/en/initiatives/?sort=title",
    "/en/events/calendar/",
    "/en/webinars/calendar/",
    "/en/feeds/initiatives.atom",
    "/en/feeds/events.atom",
    "/en/feeds/webinars.rss",
    "/en/sdgs/11/",
]


def same_for_few_and_many(client, grow, paths):
    """{path: (queries with FEW items, with MANY)} after `grow(FEW)`, then `grow(MANY)`."""
    grow(FEW)
    few = {path: queries(client, path)[0] for path in paths}
    grow(MANY)
    many = {path: queries(client, path)[0] for path in paths}
    return {path: (few[path], many[path]) for path in paths}


def assert_constant(counts):
    growing = {path: pair for path, pair in counts.items() if pair[0] != pair[1]}
    assert not growing, growing
    too_many = {path: pair for path, pair in counts.items() if pair[0] > BOUND}
    assert not too_many, too_many


@pytest.fixture
def site(homes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Site(homes)


def test_exports_calendars_feeds_and_sdg_pages(client, site, homes):
    homes["en"].add_child(instance=SDGIndexPage(title="Goals", slug="sdgs"))
    counts = same_for_few_and_many(client, site.grow, SITE_PATHS)

    assert_constant(counts)
    response = client.get("/en/initiatives/export/csv/")
    export = b"".join(response.streaming_content).decode()
    assert export.count("Bus lanes") == MANY


def test_the_library(client, homes):
    library = LibraryIndexPage.objects.get(locale__language_code="en")
    made = []

    def grow(to):
        for number in range(len(made), to):
            item = LibraryItemPageFactory(parent=library, title=f"Water guide {number}")
            item.sdgs.set(water)
            item.save_revision().publish()
            made.append(item)

    water = SustainableDevelopmentGoal.objects.filter(locale=library.locale, number=6)
    paths = ["/en/library/", "/en/library/?sdg=6", "/en/library/?q=water"]
    counts = same_for_few_and_many(client, grow, paths)

    assert_constant(counts)
    assert "Water guide" in client.get("/en/library/?q=water").content.decode()


def test_the_partners(client, homes):
    index = homes["en"].add_child(instance=PartnerIndexPage(title="Partners", slug="partners"))
    kinds = ["united-nations", "city-network"]

    def grow(to):
        for number in range(index.get_children().count(), to):
            partner = PartnerPage(
                title=f"Partner {number}", slug=f"partner-{number}", kind=kinds[number % 2]
            )
            index.add_child(instance=partner)

    counts = same_for_few_and_many(client, grow, ["/en/partners/"])

    assert_constant(counts)
    assert "Partner 49" in client.get("/en/partners/").content.decode()
    for limit in (FEW, MANY):
        params = {"type": "pages.PartnerPage", "fields": "*", "limit": limit}
        counts[limit] = queries(client, "/api/v2/pages/", params)[0]
    assert counts[FEW] == counts[MANY] <= BOUND


@pytest.fixture
def award(homes):
    cities = CityIndexPageFactory(parent=homes["en"])
    programme = AwardProgramme.objects.create(
        code="sdg-city-award", name="SDG City Award", description="For shared initiatives."
    )
    return {"cities": cities, "programme": programme}


def test_the_awards(client, award):
    programme = award["programme"]
    today = timezone.localdate()
    cycle = AwardCycle.objects.create(
        programme=programme,
        year=2100,
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=30),
        decision_on=today - datetime.timedelta(days=10),
        status=AwardCycle.Status.DECIDED,
        results_published=True,
    )

    def grow(to):
        for number in range(Nomination.objects.count(), to):
            city = CityPageFactory(parent=award["cities"], title=f"City {number}", country="EC")
            initiative = InitiativePageFactory(parent=city, title=f"Initiative {number}")
            rank = Rank.WINNER if number % 5 == 0 else Rank.FINALIST
            Nomination.objects.create(
                cycle=cycle, initiative=initiative, statement="Because.", rank=rank
            )
            AwardCycle.objects.create(
                programme=programme,
                year=2000 + number,
                opens_on=today,
                closes_on=today,
                decision_on=today,
            )

    paths = ["/en/awards/", "/en/awards/sdg-city-award/2100/"]
    counts = same_for_few_and_many(client, grow, paths)

    assert_constant(counts)
    assert "Initiative 49" in client.get(paths[1]).content.decode()
    for limit in (FEW, MANY):
        number, response = queries(client, "/api/v2/awards/", {"locale": "en", "limit": limit})
        assert len(response.json()["items"]) == limit
        counts[limit] = number
    assert counts[FEW] == counts[MANY] <= BOUND


def make_image(number):
    return Image.objects.create(title=f"Image {number}", file=get_test_image_file())


def make_document(number):
    return Document.objects.create(
        title=f"Report {number}", file=ContentFile(b"A report.", name=f"report-{number}.txt")
    )


@pytest.mark.parametrize(
    "model, path, make",
    [(Image, "/api/v2/images/", make_image), (Document, "/api/v2/documents/", make_document)],
)
def test_the_images_and_documents_api(client, homes, model, path, make):
    counts = {}
    for limit in (FEW, MANY):
        for number in range(model.objects.count(), limit):
            make(number).tags.add("water", "housing")
        counts[limit], response = queries(client, path, {"limit": limit, "fields": "*"})
        items = response.json()["items"]
        assert len(items) == limit
        assert {tuple(item["meta"]["tags"]) for item in items} == {("housing", "water")}
    assert counts[FEW] == counts[MANY] <= BOUND


@pytest.fixture
def exchanges(homes):
    """Milan (with an initiative) and Da Nang, a member of each, and a partner with an account."""
    cities = CityIndexPageFactory(parent=homes["en"])
    milan = CityPageFactory(parent=cities, title="Milan", country="IT", region="europe")
    danang = CityPageFactory(parent=cities, title="Da Nang", country="VN", region="asia-pacific")
    partners = homes["en"].add_child(instance=PartnerIndexPage(title="Partners", slug="partners"))
    escap = partners.add_child(
        instance=PartnerPage(title="ESCAP", slug="escap", kind="united-nations")
    )
    escap_user = make_user("escap")
    PartnerAccount.objects.create(user=escap_user, partner_key=escap.translation_key)
    return {
        "milan": milan,
        "danang": danang,
        "escap": escap.translation_key,
        "initiative": InitiativePageFactory(parent=milan, title="Food policy"),
        "milan_member": make_member(milan, "milan@example.org"),
        "danang_member": make_member(danang, "danang@example.org"),
        "escap_user": escap_user,
    }


def test_the_exchanges(client, exchanges):
    milan, danang = exchanges["milan"].translation_key, exchanges["danang"].translation_key
    member, replicating = exchanges["milan_member"], exchanges["danang_member"]

    made = []

    def grow(to):
        for number in range(len(made), to):
            done = services.open_exchange(
                milan,
                danang,
                member,
                Exchange.Kind.REPLICATION,
                initiative_key=exchanges["initiative"].translation_key,
                body=f"Replication {number}",
                language="en",
            )
            done.move(Exchange.State.ACCEPTED, replicating, danang)
            done.move(Exchange.State.IN_PROGRESS, replicating, danang)
            done.move(Exchange.State.DONE, member, milan, f"Outcome {number}", 2000 + number, "en")
            # One open exchange with a partner at a time: each is declined before the next.
            asked = services.open_exchange(
                milan,
                None,
                member,
                Exchange.Kind.CONTACT,
                body=f"Question {number}",
                language="en",
                partner_key=exchanges["escap"],
            )
            asked.move(Exchange.State.DECLINED, None, exchanges["escap"])
            made.append((done, asked))

    with translation.override("en"):
        dashboard, partners_area = reverse("my_city:dashboard"), reverse("partners_area:index")
    member_client, partner_client = client_for(member), client_for(exchanges["escap_user"])

    def measure(size):
        grow(size)
        return {
            "dashboard": queries(member_client, dashboard)[0],
            "partners_area": queries(partner_client, partners_area)[0],
            "api": queries(client, "/api/v2/exchanges/", {"limit": size})[0],
        }

    few, many = measure(FEW), measure(MANY)
    assert_constant({name: (few[name], many[name]) for name in few})
    response = client.get("/api/v2/exchanges/", {"limit": MANY})
    assert len(response.json()["items"]) == MANY
    assert (
        partner_client.get(partners_area).content.decode().count("/partners-area/exchanges/")
        >= MANY
    )
