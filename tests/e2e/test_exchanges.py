"""A Milan member and a Da Nang member carry an exchange through to an outcome in the browser,
each in their own language, and every step sends the right e-mail in the right language."""

from django.core import mail

import pytest

from exchanges.models import Exchange
from knowledge.models import CityIndexPage, CityPage, InitiativePage
from tests.exchanges.conftest import set_language
from tests.factories import CityPageFactory
from tests.knowledge.members import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, base, lang, user):
    page.context.clear_cookies()
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_exchange_from_request_to_outcome(live_demo, page):
    base = live_demo.url
    cities = CityIndexPage.objects.get(locale__language_code="en")
    milan = CityPage.objects.get(slug="milan", locale__language_code="en")
    initiative = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    danang = CityPageFactory(parent=cities, title="Da Nang", country="VN", region="asia-pacific")
    marta = make_member(milan, "marta@milan.example.org", name="Marta Rossi")
    lan = make_member(danang, "lan@danang.example.org", name="Nguyen Lan")
    set_language(lan, "fr")
    mail.outbox.clear()

    # Milan opens the exchange from My City.
    sign_in(page, base, "en", marta)
    page.goto(f"{base}/en/my-city/")
    page.get_by_role("link", name="Start an exchange").click()
    page.get_by_label("City to exchange with").select_option(label="Da Nang")
    page.get_by_label("About the initiative (optional)").select_option(
        label=f"{initiative.title} (Milan)"
    )
    page.get_by_label("Kind of exchange").select_option("replication")
    page.get_by_label("Your first message").fill("Would you like to try our food policy?")
    page.get_by_role("button", name="Open the exchange").click()
    page.wait_for_url("**/en/my-city/exchanges/*/")
    exchange = Exchange.objects.get(initiative_key=initiative.translation_key)
    assert [m.extra_headers["Content-Language"] for m in mails_to(lan.email)] == ["fr"]
    assert f"/fr/my-city/exchanges/{exchange.pk}/" in mails_to(lan.email)[0].body

    # Da Nang accepts, in French, and answers in French.
    sign_in(page, base, "fr", lan)
    page.goto(f"{base}/fr/my-city/exchanges/{exchange.pk}/")
    page.locator("button[name=action][value=accepted]").click()
    page.wait_for_url(f"**/fr/my-city/exchanges/{exchange.pk}/")
    assert page.locator("[data-state]").get_attribute("data-state") == "accepted"
    accepted_mail = mails_to(marta.email)[-1]
    assert accepted_mail.extra_headers["Content-Language"] == "en"
    assert "accepted" in accepted_mail.subject
    page.locator("#id_body").fill("Avec plaisir : nos marchés sont prêts.")
    page.locator("#id_language").select_option("fr")
    page.locator("form[action$='/message/'] button[type=submit]").click()
    page.wait_for_url(f"**/fr/my-city/exchanges/{exchange.pk}/")
    page.locator("button[name=action][value=in_progress]").click()
    page.wait_for_url(f"**/fr/my-city/exchanges/{exchange.pk}/")

    # Milan reads the French message as written, answers in English and closes with an outcome.
    sign_in(page, base, "en", marta)
    page.goto(f"{base}/en/my-city/exchanges/{exchange.pk}/")
    french = page.locator(".exchange-message__body[lang=fr]")
    assert "nos marchés sont prêts" in french.inner_text()
    page.locator("#id_body").fill("Wonderful, let us start with two markets.")
    page.get_by_role("button", name="Send the message").click()
    page.wait_for_url(f"**/en/my-city/exchanges/{exchange.pk}/")
    lan_mails = mails_to(lan.email)
    assert all(m.extra_headers["Content-Language"] == "fr" for m in lan_mails)
    page.get_by_label("What came of it").fill("Da Nang opened two neighbourhood food markets.")
    page.get_by_label("Year of the outcome").fill("2027")
    page.get_by_role("button", name="Close with an outcome").click()
    page.wait_for_url(f"**/en/my-city/exchanges/{exchange.pk}/")
    exchange.refresh_from_db()
    assert exchange.state == Exchange.State.DONE
    done_mail = mails_to(lan.email)[-1]
    assert done_mail.extra_headers["Content-Language"] == "fr"
    assert "Da Nang opened two neighbourhood food markets." in done_mail.body
    # Each step mailed the other side: opened, message, done to Da Nang; accepted, message,
    # in progress to Milan.
    assert len(mails_to(lan.email)) == 3
    assert len(mails_to(marta.email)) == 3

    # The initiative page and the API show the replication with its outcome.
    page.context.clear_cookies()
    page.goto(f"{base}{initiative.url}")
    section = page.locator("#replications")
    assert "Replicated in Da Nang, 2027:" in section.inner_text()
    assert "two neighbourhood food markets" in section.inner_text()
    response = page.request.get(f"{base}/api/v2/exchanges/?initiative={initiative.pk}")
    (item,) = response.json()["items"]
    assert item["replicated_in"]["title"] == "Da Nang"
    assert item["year"] == 2027
    assert item["outcome"] == "Da Nang opened two neighbourhood food markets."
