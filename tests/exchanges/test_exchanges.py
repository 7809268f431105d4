"""Exchanges: transitions, who may see and act, e-mails and their language, settings, the
initiative page and the API."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from exchanges import services
from exchanges.models import Exchange, Message, NotificationSettings, TransitionError
from knowledge.base.spam import new_stamp
from knowledge.models import CityMembership

State = Exchange.State


def key(page):
    return page.translation_key


def opened(network, initiative=True):
    return services.open_exchange(
        key(network["milan"]),
        key(network["danang"]),
        network["milan_member"],
        Exchange.Kind.REPLICATION,
        initiative_key=key(network["initiative"]) if initiative else None,
        body="Ciao, we would like to learn from you.",
        language="en",
    )


def url(name, exchange, lang="en"):
    with translation.override(lang):
        return reverse(f"exchanges:{name}", args=[exchange.pk])


# Transitions


def test_transitions_follow_the_states_in_one_place(network):
    exchange = opened(network)
    milan, danang = key(network["milan"]), key(network["danang"])
    # Only the receiving city accepts or declines.
    assert exchange.allowed_moves(milan) == []
    assert set(exchange.allowed_moves(danang)) == {State.ACCEPTED, State.DECLINED}
    with pytest.raises(TransitionError):
        exchange.move(State.ACCEPTED, network["milan_member"], milan)
    with pytest.raises(TransitionError):
        exchange.move(State.DONE, network["danang_member"], danang, "Done", 2027)
    exchange.move(State.ACCEPTED, network["danang_member"], danang)
    with pytest.raises(TransitionError):
        exchange.move(State.DECLINED, network["danang_member"], danang)
    exchange.move(State.IN_PROGRESS, network["milan_member"], milan)
    with pytest.raises(TransitionError, match="what came"):
        exchange.move(State.DONE, network["milan_member"], milan, "  ", 2027)
    with pytest.raises(TransitionError):
        exchange.move(State.DONE, network["milan_member"], milan, "Markets opened", None)
    exchange.move(State.DONE, network["milan_member"], milan, "Markets opened", 2027, "it")
    exchange.refresh_from_db()
    assert exchange.state == State.DONE and exchange.closed_at is not None
    assert exchange.allowed_moves(milan) == exchange.allowed_moves(danang) == []
    assert [(t.from_state, t.to_state) for t in exchange.transitions.all()] == [
        (State.REQUESTED, State.ACCEPTED),
        (State.ACCEPTED, State.IN_PROGRESS),
        (State.IN_PROGRESS, State.DONE),
    ]
    # A third city can do nothing.
    assert exchange.allowed_moves(key(network["quito"])) == []


def test_declined_is_final(network):
    exchange = opened(network)
    exchange.move(State.DECLINED, network["danang_member"], key(network["danang"]))
    with pytest.raises(TransitionError):
        exchange.move(State.IN_PROGRESS, network["danang_member"], key(network["danang"]))


# Permissions


def test_only_members_of_the_two_cities_see_an_exchange(network, client):
    exchange = opened(network)
    detail = url("detail", exchange)
    assert network["client"](network["danang_member"]).get(detail).status_code == 200
    assert network["client"](network["milan_colleague"]).get(detail).status_code == 200
    assert network["client"](network["quito_member"]).get(detail).status_code == 404
    response = client.get(detail)
    assert response.status_code == 302 and "login" in response["Location"]
    # A signed-in person who is no member is told so.
    network["quito_member"].city_membership.delete()
    assert network["client"](network["quito_member"]).get(detail).status_code == 403


def test_other_city_cannot_act_or_write(network):
    exchange = opened(network)
    quito = network["client"](network["quito_member"])
    assert quito.post(url("move", exchange), {"state": "accepted"}).status_code == 404
    assert quito.post(url("message", exchange), {"body": "x", "language": "es"}).status_code == 404
    assert quito.post(url("share", exchange), {"shared": "1"}).status_code == 404
    exchange.refresh_from_db()
    assert exchange.state == State.REQUESTED and not exchange.shared_with_partners
    assert exchange.messages.count() == 1


def test_requesting_city_cannot_accept_its_own_request(network):
    exchange = opened(network)
    response = network["client"](network["milan_member"]).post(
        url("move", exchange), {"state": "accepted"}
    )
    assert response.status_code == 400
    assert "cannot move" in response.content.decode()
    exchange.refresh_from_db()
    assert exchange.state == State.REQUESTED


def test_closing_needs_an_outcome_in_the_form(network):
    exchange = opened(network)
    exchange.move(State.ACCEPTED, network["danang_member"], key(network["danang"]))
    exchange.move(State.IN_PROGRESS, network["danang_member"], key(network["danang"]))
    milan = network["client"](network["milan_member"])
    response = milan.post(url("move", exchange), {"state": "done", "outcome": ""})
    assert response.status_code == 400
    exchange.refresh_from_db()
    assert exchange.state == State.IN_PROGRESS
    response = milan.post(
        url("move", exchange), {"state": "done", "outcome": "Two markets", "outcome_year": "2027"}
    )
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.state == State.DONE and exchange.outcome == "Two markets"
    assert exchange.outcome_year == 2027


def test_bad_input_is_a_4xx(network):
    exchange = opened(network)
    milan = network["client"](network["milan_member"])
    assert milan.post(url("move", exchange), {"state": "nonsense"}).status_code == 400
    assert milan.post(url("message", exchange), {"body": "", "language": "en"}).status_code == 400
    assert milan.post(url("message", exchange), {"body": "x", "language": "xx"}).status_code == 400
    with translation.override("en"):
        new = reverse("exchanges:open")
    assert milan.post(new, {"city": "999999", "kind": "contact", "message": "x"}).status_code == 400
    with translation.override("en"):
        missing = reverse("exchanges:detail", args=[10**12])
    assert milan.get(missing).status_code == 404


# Opening from My City and from the existing forms


def test_my_city_lists_the_exchanges_and_opens_one(network, django_assert_max_num_queries):
    danang_client = network["client"](network["danang_member"])
    milan = network["client"](network["milan_member"])
    with translation.override("en"):
        new = reverse("exchanges:open")
        dashboard = reverse("my_city:dashboard")
    response = milan.post(
        new,
        {
            "city": network["danang"].pk,
            "initiative": network["initiative"].pk,
            "kind": "replication",
            "message": "We would like to replicate it.",
        },
    )
    assert response.status_code == 302
    exchange = Exchange.objects.get()
    assert exchange.requesting_city_key == key(network["milan"])
    assert exchange.receiving_city_key == key(network["danang"])
    assert exchange.initiative_key == key(network["initiative"])
    assert exchange.opened_by == network["milan_member"]
    with django_assert_max_num_queries(60):
        page = danang_client.get(dashboard).content.decode()
    assert "Exchanges with other cities" in page and "Milan" in page
    assert url("detail", exchange) in page
    quito_page = network["client"](network["quito_member"]).get(dashboard).content.decode()
    assert url("detail", exchange) not in quito_page


def test_replication_form_opens_an_exchange(network):
    danang = network["client"](network["danang_member"])
    with translation.override("en"):
        target = reverse("interaction:replicate", args=[network["initiative"].pk])
    response = danang.post(
        target,
        {
            "replication-kind": "interested",
            "replication-note": "Tell us more",
            "replication-stamp": new_stamp(),
        },
    )
    assert response.status_code == 302
    exchange = Exchange.objects.get()
    assert exchange.kind == Exchange.Kind.REPLICATION
    assert exchange.requesting_city_key == key(network["danang"])
    assert exchange.receiving_city_key == key(network["milan"])
    assert exchange.messages.get().body == "Tell us more"


def test_contact_form_of_a_member_opens_an_exchange(network, client):
    danang = network["client"](network["danang_member"])
    with translation.override("en"):
        target = reverse("interaction:contact", args=[network["initiative"].pk])
    data = {
        "contact-name": "Nguyen Lan",
        "contact-email": "danang@example.org",
        "contact-subject": "Your markets",
        "contact-message": "How did you start?",
        "contact-stamp": new_stamp(),
    }
    # Milan needs an address for the relay to work.
    CityMembership.objects.filter(user=network["milan_member"]).update(is_focal_point=True)
    assert danang.post(target, data).status_code == 302
    exchange = Exchange.objects.get()
    assert exchange.kind == Exchange.Kind.CONTACT
    assert "How did you start?" in exchange.messages.get().body
    # A visitor's message opens none.
    Exchange.objects.all().delete()
    client.post(target, {**data, "contact-stamp": new_stamp()})
    assert not Exchange.objects.exists()


# E-mails


def test_each_step_mails_the_other_side_in_their_language(network):
    exchange = opened(network)
    # Opening: Da Nang's member hears of it, in French.
    (opening,) = mail.outbox
    assert opening.to == ["danang@example.org"]
    assert opening.extra_headers["Content-Language"] == "fr"
    assert "Milan" in opening.subject and "Da Nang" in opening.subject
    assert url("detail", exchange, "fr") in opening.body
    mail.outbox.clear()
    services.move(exchange, State.ACCEPTED, network["danang_member"], key(network["danang"]))
    assert sorted(m.to[0] for m in mail.outbox) == ["milan2@example.org", "milan@example.org"]
    mail.outbox.clear()
    services.post_message(
        exchange, network["danang_member"], key(network["danang"]), "Bonjour !", "fr"
    )
    assert {m.to[0] for m in mail.outbox} == {"milan@example.org", "milan2@example.org"}
    assert all("Bonjour" not in m.body for m in mail.outbox)  # the message stays on the site
    mail.outbox.clear()
    services.post_message(exchange, network["milan_member"], key(network["milan"]), "Hello!", "en")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"danang@example.org", "milan2@example.org"}
    assert by_address["danang@example.org"].extra_headers["Content-Language"] == "fr"
    assert by_address["milan2@example.org"].extra_headers["Content-Language"] == "en"
    assert url("detail", exchange, "fr") in by_address["danang@example.org"].body
    assert url("detail", exchange, "en") in by_address["milan2@example.org"].body


def test_notification_setting_off_sends_nothing(network):
    milan = network["client"](network["milan_colleague"])
    with translation.override("en"):
        settings_url = reverse("exchanges:notifications")
    assert milan.get(settings_url).status_code == 200
    response = milan.post(settings_url, {"comments": "on", "comment_approved": "on"})
    assert response.status_code == 302
    row = NotificationSettings.objects.get(user=network["milan_colleague"])
    assert not row.exchanges and row.comments
    exchange = opened(network)
    mail.outbox.clear()
    services.post_message(exchange, network["danang_member"], key(network["danang"]), "Hi", "fr")
    assert [m.to[0] for m in mail.outbox] == ["milan@example.org"]


def test_notification_settings_need_sign_in(client, db):
    with translation.override("en"):
        settings_url = reverse("exchanges:notifications")
    assert client.get(settings_url).status_code == 302


# Partners


def test_partners_see_only_shared_exchanges(network):
    from django.contrib.auth.models import Permission

    from tests.factories import client_for, make_user

    shared = opened(network)
    private = services.open_exchange(
        key(network["quito"]),
        key(network["milan"]),
        network["quito_member"],
        "contact",
        body="Hola, ¿hablamos?",
        language="es",
    )
    response = network["client"](network["danang_member"]).post(
        url("share", shared), {"shared": "1"}
    )
    assert response.status_code == 302
    partner = make_user("partner", "Editors")
    admin_url = reverse("exchanges_shared")
    assert client_for(partner).get(admin_url).status_code in (302, 403)
    partner.user_permissions.add(
        Permission.objects.get(codename="view_exchange"),
        Permission.objects.get(codename="access_admin"),
    )
    page = client_for(partner).get(admin_url).content.decode()
    assert "learn from you" in page
    assert "hablamos" not in page
    assert private.shared_with_partners is False


# The initiative page and the API


def closed(network, outcome="Two neighbourhood markets opened.", year=2027):
    exchange = opened(network)
    danang, milan = key(network["danang"]), key(network["milan"])
    exchange.move(State.ACCEPTED, network["danang_member"], danang)
    exchange.move(State.IN_PROGRESS, network["danang_member"], danang)
    exchange.move(State.DONE, network["milan_member"], milan, outcome, year, "en")
    return exchange


def test_initiative_page_shows_done_exchanges_with_an_outcome(network, client):
    opened(network, initiative=True)  # open: not shown
    page = client.get(network["initiative"].url).content.decode()
    assert "Replicated in" not in page
    closed(network)
    page = client.get(network["initiative"].url).content.decode()
    assert "Replicated in Da Nang, 2027:" in page
    assert "Two neighbourhood markets opened." in page
    assert "learn from you" not in page  # messages never


def test_api_lists_public_fields_only(network, client, django_assert_max_num_queries):
    exchange = closed(network)
    opened(network, initiative=False)
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v2/exchanges/?initiative={network['initiative'].pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert set(item) == {
        "id",
        "kind",
        "initiative",
        "requesting_city",
        "receiving_city",
        "partner",
        "replicated_in",
        "year",
        "outcome",
        "outcome_language",
        "closed_at",
    }
    assert item["id"] == exchange.pk
    assert item["replicated_in"]["title"] == "Da Nang"
    assert item["replicated_in"]["country"]["code"] == "VN"
    assert item["initiative"] == {"id": network["initiative"].pk, "title": "Food policy"}
    assert item["year"] == 2027 and item["outcome"] == "Two neighbourhood markets opened."
    assert "learn from you" not in response.content.decode()
    assert "@" not in response.content.decode()


def test_api_refuses_bad_parameters(network, client):
    for query in ("initiative=abc", "initiative=999999", "city=x", "nope=1", "limit=1000"):
        response = client.get(f"/api/v2/exchanges/?{query}")
        assert response.status_code == 400, query
        assert "message" in response.json()
    response = client.get(f"/api/v2/exchanges/?city={network['quito'].pk}")
    assert response.json()["meta"]["total_count"] == 0


def test_api_hides_replications_of_unpublished_initiatives(network, client):
    closed(network)
    network["initiative"].unpublish()
    assert client.get("/api/v2/exchanges/").json()["meta"]["total_count"] == 0


def test_messages_keep_their_language(network):
    exchange = opened(network)
    services.post_message(exchange, network["danang_member"], key(network["danang"]), "Salut", "fr")
    page = network["client"](network["milan_member"]).get(url("detail", exchange)).content.decode()
    assert 'lang="fr"' in page and "Salut" in page
    assert Message.objects.filter(language="fr").count() == 1
