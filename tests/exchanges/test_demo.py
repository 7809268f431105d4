"""The demo's exchanges: one done with an outcome (on the initiative page and in the API), one in
progress with messages in two languages, one between a city and a partner whose account follows
a consenting city; loading again changes nothing."""

from django.contrib.auth import get_user_model

from bs4 import BeautifulSoup

from demo import exchanges as demo_exchanges
from demo import partners as demo_partners
from exchanges.models import Exchange, PartnerCity
from knowledge.models import CityPage, InitiativePage


def test_demo_exchanges(demo_content, client):
    assert demo_exchanges.load(lambda message: None) == 0
    done = Exchange.objects.get(state=Exchange.State.DONE)
    in_progress = Exchange.objects.get(state=Exchange.State.IN_PROGRESS)
    assert Exchange.objects.count() == 3
    assert done.outcome and done.outcome_year == 2026
    assert {m.language for m in in_progress.messages.all()} == {"en", "fr"}
    symbiosis = InitiativePage.objects.get(
        slug="western-cape-industrial-symbiosis-programme", locale__language_code="es"
    )
    section = BeautifulSoup(client.get(symbiosis.url).content, "html.parser").select_one(
        "#replications"
    )
    # The city is named as the Spanish page names it ("Dar es-Salam").
    dar = CityPage.objects.get(slug="dar-es-salaam", locale__language_code="es")
    assert dar.title != "Dar es Salaam"
    assert dar.title in section.get_text() and "2026" in section.get_text()
    assert done.outcome in section.get_text()
    data = client.get(f"/api/v2/exchanges/?initiative={symbiosis.pk}&locale=es").json()
    assert data["meta"]["total_count"] == 1
    assert data["items"][0]["initiative"]["id"] == symbiosis.pk


def test_demo_partner(demo_content, client):
    assert demo_partners.load(lambda message: None) == 0
    user = get_user_model().objects.get(username="demo-partner")
    assert user.check_password("sdg-cities-demo-2026")
    client.force_login(user)
    own = Exchange.objects.get(partner_key__isnull=False)
    assert own.state == Exchange.State.ACCEPTED and own.messages.count() == 2
    (link,) = PartnerCity.objects.all()
    assert link.consented and link.partner_key == own.partner_key
    html = client.get("/en/partners-area/exchanges/").content.decode()
    assert f"/en/partners-area/exchanges/{own.pk}/" in html
    # Cape Town consented: its exchanges are listed; the done one is Dar es Salaam's request.
    for exchange in Exchange.objects.filter(partner_key=None):
        assert f"/en/partners-area/exchanges/{exchange.pk}/" in html
        response = client.get(f"/en/partners-area/exchanges/{exchange.pk}/")
        assert response.status_code == 200
        assert 'name="body"' not in response.content.decode()
