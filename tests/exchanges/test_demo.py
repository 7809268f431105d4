"""The demo's two exchanges: one done with an outcome (on the initiative page and in the API),
one in progress with messages in two languages; loading again changes nothing."""

from bs4 import BeautifulSoup

from demo import exchanges as demo_exchanges
from exchanges.models import Exchange
from knowledge.models import CityPage, InitiativePage


def test_demo_exchanges(demo_content, client):
    assert demo_exchanges.load(lambda message: None) == 0
    done = Exchange.objects.get(state=Exchange.State.DONE)
    in_progress = Exchange.objects.get(state=Exchange.State.IN_PROGRESS)
    assert Exchange.objects.count() == 2
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
