"""Partners in exchanges: a city opens an exchange with a partner, the partner's accounts act on
it in the partners' area; a partner follows a city's exchanges only while the city consents."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from exchanges import services
from exchanges.models import Exchange, PartnerAccount, PartnerCity
from pages.models import PartnerIndexPage, PartnerPage
from tests.exchanges.conftest import set_language
from tests.factories import client_for

State = Exchange.State


def key(page):
    return page.translation_key


def area(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"partners_area:{name}", args=args)


def my_city(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"exchanges:{name}", args=args)


def make_partner_user(username, partner, language="en"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    set_language(user, language)
    PartnerAccount.objects.create(user=user, partner_key=partner.translation_key)
    return user


@pytest.fixture
def partners(network, homes):
    index = homes["en"].add_child(instance=PartnerIndexPage(title="Partners", slug="partners"))
    escap = index.add_child(
        instance=PartnerPage(title="ESCAP", slug="escap", kind="united-nations")
    )
    citynet = index.add_child(
        instance=PartnerPage(title="CityNet", slug="citynet", kind="city-network")
    )
    escap_user = make_partner_user("escap", escap, language="es")
    citynet_user = make_partner_user("citynet", citynet)
    mail.outbox.clear()
    return {
        "escap": escap,
        "citynet": citynet,
        "escap_user": escap_user,
        "citynet_user": citynet_user,
    }


def partner_exchange(network, partners):
    return services.open_exchange(
        key(network["milan"]),
        None,
        network["milan_member"],
        Exchange.Kind.CONTACT,
        body="Could ESCAP support our food policy?",
        language="en",
        partner_key=key(partners["escap"]),
    )


def city_exchange(network):
    return services.open_exchange(
        key(network["milan"]),
        key(network["danang"]),
        network["milan_member"],
        Exchange.Kind.REPLICATION,
        body="Ciao, we would like to learn from you.",
        language="en",
    )


# A city opens an exchange with a partner


def test_partner_page_offers_contact_to_city_members_only(network, partners, client):
    page = partners["escap"]
    assert "Contact this partner" not in client.get(page.url).content.decode()
    assert (
        "Contact this partner"
        not in client_for(partners["citynet_user"]).get(page.url).content.decode()
    )
    member = network["client"](network["milan_member"])
    html = member.get(page.url).content.decode()
    assert "Contact this partner" in html
    assert my_city("open_partner", page.pk) in html


def test_city_member_opens_exchange_with_partner_in_partner_language(network, partners):
    member = network["client"](network["milan_member"])
    url = my_city("open_partner", partners["escap"].pk)
    assert member.get(url).status_code == 200
    response = member.post(url, {"kind": "contact", "message": ""})
    assert response.status_code == 400 and not Exchange.objects.exists()
    response = member.post(url, {"kind": "contact", "message": "Could you help us?"})
    exchange = Exchange.objects.get()
    assert response.status_code == 302 and response.url == my_city("detail", exchange.pk)
    assert exchange.partner_key == key(partners["escap"])
    assert exchange.receiving_city_key is None
    assert exchange.receiving_key == key(partners["escap"])
    # Only ESCAP's account hears of it, in Spanish, with a link to the partners' area.
    (email,) = mail.outbox
    assert email.to == ["escap@example.org"]
    assert email.extra_headers["Content-Language"] == "es"
    assert email.subject == "Milan propone un intercambio a ESCAP"
    assert area("detail", exchange.pk, lang="es") in email.body
    assert "área de socios" in email.body
    assert my_city("detail", exchange.pk, lang="es") not in email.body
    # Not a partner page, or no such page: 404.
    assert member.get(my_city("open_partner", network["milan"].pk)).status_code == 404
    assert member.get(my_city("open_partner", 999999)).status_code == 404


def test_only_city_members_open_exchanges_with_partners(network, partners, client):
    url = my_city("open_partner", partners["escap"].pk)
    assert client.get(url).status_code == 302  # to sign in
    response = client_for(partners["citynet_user"]).post(url, {"kind": "contact", "message": "x"})
    assert response.status_code == 403
    assert not Exchange.objects.exists()


def test_partner_acts_on_its_exchange(network, partners):
    exchange = partner_exchange(network, partners)
    mail.outbox.clear()
    escap = client_for(partners["escap_user"])
    html = escap.get(area("detail", exchange.pk)).content.decode()
    assert "Could ESCAP support our food policy?" in html
    assert 'value="accepted"' in html and 'value="declined"' in html
    response = escap.post(area("move", exchange.pk), {"state": "accepted"})
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.state == State.ACCEPTED
    assert exchange.transitions.get().city_key == key(partners["escap"])
    # Milan's members hear of it in their language, with a link to My City.
    assert {e.to[0] for e in mail.outbox} == {"milan@example.org", "milan2@example.org"}
    assert all(my_city("detail", exchange.pk) in e.body for e in mail.outbox)
    mail.outbox.clear()
    escap.post(area("message", exchange.pk), {"body": "Gladly.", "language": "en"})
    assert exchange.messages.last().city_key == key(partners["escap"])
    assert len(mail.outbox) == 2
    # The city cannot accept for the partner; both sides move it on, the partner closes it.
    member = network["client"](network["milan_member"])
    member.post(my_city("move", exchange.pk), {"state": "in_progress"})
    response = escap.post(
        area("move", exchange.pk),
        {"state": "done", "outcome": "A joint workshop.", "outcome_year": 2027},
    )
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.state == State.DONE and exchange.outcome == "A joint workshop."


def test_city_cannot_accept_for_the_partner(network, partners):
    exchange = partner_exchange(network, partners)
    member = network["client"](network["milan_member"])
    assert 'value="accepted"' not in member.get(my_city("detail", exchange.pk)).content.decode()
    response = member.post(my_city("move", exchange.pk), {"state": "accepted"})
    assert response.status_code == 400
    exchange.refresh_from_db()
    assert exchange.state == State.REQUESTED


def test_another_partner_cannot_see_or_act(network, partners):
    exchange = partner_exchange(network, partners)
    citynet = client_for(partners["citynet_user"])
    assert citynet.get(area("detail", exchange.pk)).status_code == 404
    assert citynet.post(area("move", exchange.pk), {"state": "accepted"}).status_code == 404
    response = citynet.post(area("message", exchange.pk), {"body": "Hi", "language": "en"})
    assert response.status_code == 404
    exchange.refresh_from_db()
    assert exchange.state == State.REQUESTED and exchange.messages.count() == 1
    assert area("detail", exchange.pk) not in citynet.get(area("index")).content.decode()


def test_member_of_another_city_cannot_see_a_city_partner_exchange(network, partners):
    exchange = partner_exchange(network, partners)
    quito = network["client"](network["quito_member"])
    assert quito.get(my_city("detail", exchange.pk)).status_code == 404
    assert quito.post(my_city("move", exchange.pk), {"state": "accepted"}).status_code == 404
    dashboard = quito.get(reverse("my_city:dashboard")).content.decode()
    assert "ESCAP" not in dashboard


def test_partners_area_is_for_partner_accounts(network, partners, client):
    assert client.get(area("index")).status_code == 302
    response = network["client"](network["milan_member"]).get(area("index", lang="fr"))
    assert response.status_code == 403
    assert "partenaire" in response.content.decode()
    PartnerAccount.objects.filter(user=partners["escap_user"]).update(active=False)
    assert client_for(partners["escap_user"]).get(area("index")).status_code == 403


def test_signing_in_takes_a_partner_to_the_partners_area(partners, client):
    # Signing in lands on My City (LOGIN_REDIRECT_URL), which a partner's account is not part of.
    response = client.post(reverse("login"), {"username": "citynet", "password": "pw"}, follow=True)
    assert response.redirect_chain[-1] == (area("index"), 302)
    assert response.status_code == 200
    # Only My City's home sends them on; its other pages still refuse them.
    assert client.get(reverse("my_city:initiative_add")).status_code == 403
    # A signed-in person who is neither a member nor a partner is told how to join.
    PartnerAccount.objects.filter(user=partners["citynet_user"]).update(active=False)
    assert client.get(reverse("my_city:dashboard")).status_code == 403


# A partner follows a city's exchanges with its consent


def test_consent_decides_what_the_partner_sees(network, partners):
    exchange = city_exchange(network)
    escap = client_for(partners["escap_user"])
    # Without consent: nothing.
    assert escap.get(area("detail", exchange.pk)).status_code == 404
    response = escap.post(area("follow"), {"city": network["milan"].pk})
    assert response.status_code == 302
    link = PartnerCity.objects.get()
    assert link.city_key == key(network["milan"]) and not link.consented
    assert escap.get(area("detail", exchange.pk)).status_code == 404
    index = escap.get(area("index")).content.decode()
    assert area("detail", exchange.pk) not in index
    assert "waiting for the city" in index
    # Milan's members see the request and consent.
    member = network["client"](network["milan_member"])
    assert "ESCAP" in member.get(reverse("my_city:dashboard")).content.decode()
    response = member.post(my_city("consent", link.pk), {"consent": "1"})
    assert response.status_code == 302
    assert area("detail", exchange.pk) in escap.get(area("index")).content.decode()
    html = escap.get(area("detail", exchange.pk)).content.decode()
    assert "learn from you" in html
    # Read-only: no forms to act, and acting is refused.
    assert 'name="state"' not in html and 'name="body"' not in html
    assert escap.post(area("move", exchange.pk), {"state": "accepted"}).status_code == 404
    response = escap.post(area("message", exchange.pk), {"body": "Hi", "language": "en"})
    assert response.status_code == 404
    # Another partner still sees nothing.
    citynet = client_for(partners["citynet_user"])
    assert citynet.get(area("detail", exchange.pk)).status_code == 404
    # Withdrawn: hidden at once.
    member.post(my_city("consent", link.pk), {"consent": "0"})
    assert escap.get(area("detail", exchange.pk)).status_code == 404
    index = escap.get(area("index")).content.decode()
    assert area("detail", exchange.pk) not in index
    assert "consent withdrawn" in index


def test_only_the_city_decides_its_consent(network, partners):
    link = PartnerCity.objects.create(
        partner_key=key(partners["escap"]), city_key=key(network["milan"])
    )
    quito = network["client"](network["quito_member"])
    assert quito.post(my_city("consent", link.pk), {"consent": "1"}).status_code == 404
    assert (
        client_for(partners["escap_user"])
        .post(my_city("consent", link.pk), {"consent": "1"})
        .status_code
        == 403
    )
    assert quito.get(my_city("consent", link.pk)).status_code == 405
    link.refresh_from_db()
    assert not link.consented


@pytest.mark.parametrize("value", ["", "yes", "2"])
def test_consent_refuses_a_value_other_than_0_or_1(network, partners, value):
    link = PartnerCity.objects.create(
        partner_key=key(partners["escap"]), city_key=key(network["milan"]), consented=True
    )
    member = network["client"](network["milan_member"])
    with translation.override("fr"):
        url = reverse("exchanges:consent", args=[link.pk])
    response = member.post(url, {"consent": value})
    assert response.status_code == 400
    assert "consent : indiquez 1" in response.content.decode()
    link.refresh_from_db()
    assert link.consented


def test_follow_refuses_bad_cities(network, partners):
    escap = client_for(partners["escap_user"])
    for value in ("", "abc", "999999", str(partners["citynet"].pk)):
        response = escap.post(area("follow"), {"city": value})
        assert response.status_code == 400, value
    assert not PartnerCity.objects.exists()


# Query bounds and the API


def test_list_views_have_bounded_queries(network, partners, django_assert_max_num_queries):
    for _ in range(3):
        partner_exchange(network, partners).move(State.DECLINED, None, key(partners["escap"]))
        city_exchange(network).move(State.DECLINED, None, key(network["danang"]))
    PartnerCity.objects.create(
        partner_key=key(partners["escap"]), city_key=key(network["milan"]), consented=True
    )
    PartnerCity.objects.create(partner_key=key(partners["escap"]), city_key=key(network["quito"]))
    escap = client_for(partners["escap_user"])
    escap.get(area("index"))
    with django_assert_max_num_queries(20):
        response = escap.get(area("index"))
    assert response.status_code == 200
    links = re.findall(r'href="/en/partners-area/exchanges/(\d+)/"', response.content.decode())
    assert len(links) == 6
    member = network["client"](network["milan_member"])
    member.get(reverse("my_city:dashboard"))
    with django_assert_max_num_queries(60):
        response = member.get(reverse("my_city:dashboard"))
    assert response.status_code == 200


def test_api_names_the_partner(network, partners, client):
    exchange = services.open_exchange(
        key(network["milan"]),
        None,
        network["milan_member"],
        Exchange.Kind.REPLICATION,
        initiative_key=key(network["initiative"]),
        partner_key=key(partners["escap"]),
    )
    escap_key = key(partners["escap"])
    exchange.move(State.ACCEPTED, partners["escap_user"], escap_key)
    exchange.move(State.IN_PROGRESS, partners["escap_user"], escap_key)
    exchange.move(State.DONE, partners["escap_user"], escap_key, "A guide was written.", 2027, "en")
    (item,) = client.get("/api/v2/exchanges/").json()["items"]
    assert item["partner"] == {"id": partners["escap"].pk, "title": "ESCAP"}
    assert item["receiving_city"] is None
    assert item["requesting_city"]["title"] == "Milan"


# Partner accounts in the admin


def test_admins_manage_partner_accounts(network, partners):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = client_for(admin)
    index = client.get(reverse("partner_accounts:index"))
    assert index.status_code == 200
    assert "escap (ESCAP)" in index.content.decode()
    form = client.get(reverse("partner_accounts:add")).content.decode()
    assert "CityNet" in form and "ESCAP" in form
    user = get_user_model().objects.create_user("newpartner", "new@example.org", "pw")
    response = client.post(
        reverse("partner_accounts:add"),
        {"user": user.pk, "partner_key": str(key(partners["citynet"])), "active": "on"},
    )
    assert response.status_code == 302
    assert PartnerAccount.objects.get(user=user).partner_key == key(partners["citynet"])
    # A city's page is not a partner.
    other = get_user_model().objects.create_user("other", "other@example.org", "pw")
    response = client.post(
        reverse("partner_accounts:add"),
        {"user": other.pk, "partner_key": str(key(network["milan"])), "active": "on"},
    )
    assert response.status_code == 200
    assert not PartnerAccount.objects.filter(user=other).exists()


def test_city_members_cannot_manage_partner_accounts(network, partners):
    member = network["client"](network["milan_member"])
    response = member.get(reverse("partner_accounts:index"))
    assert response.status_code in (302, 403)
    response = member.post(
        reverse("partner_accounts:add"),
        {"user": network["milan_member"].pk, "partner_key": str(key(partners["escap"]))},
    )
    assert response.status_code in (302, 403)
    assert not PartnerAccount.objects.filter(user=network["milan_member"]).exists()


def test_partner_ids_out_of_range_are_not_found(network, partners):
    member = network["client"](network["milan_member"])
    for value in (2**31, 10**30):
        assert member.get(f"/en/my-city/exchanges/partners/{value}/new/").status_code == 404
