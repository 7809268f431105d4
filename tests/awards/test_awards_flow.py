"""A nomination made from an existing initiative, through the jury and the secretariat, to the
cycle's page, the initiative and city pages and the API."""

from django.urls import reverse

import pytest

from awards.models import AwardCycle, Nomination, Score
from certification.models import ConflictOfInterest
from tests.factories import client_for, make_user
from tests.knowledge.members import member_client

CYCLE_URL = "/en/awards/sdg-city-award/2026/"
NOMINATE_URL = CYCLE_URL + "nominate/"
SCORE = {"impact": "5", "replicability": "4", "sdg_alignment": "5", "comment": "Strong."}


def _set_cycle(client, cycle, **changes):
    data = {
        "programme": cycle.programme_id,
        "year": cycle.year,
        "opens_on": cycle.opens_on.isoformat(),
        "closes_on": cycle.closes_on.isoformat(),
        "decision_on": cycle.decision_on.isoformat(),
        "status": cycle.status,
        "jury": [juror.pk for juror in cycle.jury.all()],
        **changes,
    }
    if data.pop("results_published", False):
        data["results_published"] = "on"
    return client.post(reverse("award_cycles:edit", args=[cycle.pk]), data)


@pytest.mark.django_db
def test_a_nomination_reaches_the_winners_page_and_the_api(
    site, rosario_member, cycle, jurors, secretariat
):
    food = site["food"]
    member = member_client(rosario_member)

    # The member picks the initiative from the city's list: nothing is typed but the statement.
    page = member.get(CYCLE_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Urban food gardens" in html
    assert "Draft plan" not in html  # only live initiatives are offered
    assert "Milan Food Policy" not in html  # only the member's own city's
    response = member.post(NOMINATE_URL, {"initiative": food.pk, "statement": "It feeds people."})
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.initiative_key, nomination.city_key) == (
        food.translation_key,
        site["rosario"].translation_key,
    )
    assert nomination.nominated_by == rosario_member
    assert "Urban food gardens" in member.get(CYCLE_URL).content.decode()

    # One nomination per initiative per cycle.
    again = member.post(NOMINATE_URL, {"initiative": food.pk, "statement": "Twice."})
    assert again.status_code == 400
    assert "already nominated" in again.content.decode()

    # The jury goes to work.
    assert _set_cycle(secretariat, cycle, status="judging").status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == AwardCycle.Status.JUDGING

    first, second = (client_for(juror) for juror in jurors)
    add = reverse("award_scores:add")
    assert first.post(add, {"nomination": nomination.pk, **SCORE}).status_code == 302

    # The second juror declared a link to Rosario: refused, with the reason.
    ConflictOfInterest.objects.create(person=jurors[1], city=site["rosario"])
    refused = second.post(add, {"nomination": nomination.pk, **SCORE})
    assert refused.status_code == 200
    assert "conflict of interest" in refused.content.decode()
    assert Score.objects.filter(juror=jurors[1]).count() == 0

    # The secretariat marks the winner, decides and publishes.
    edit = reverse("award_nominations:edit", args=[nomination.pk])
    assert secretariat.post(edit, {"rank": "winner"}).status_code == 302
    # Results cannot be published before the decision.
    early = _set_cycle(secretariat, cycle, status="judging", results_published=True)
    assert early.status_code == 200
    cycle.refresh_from_db()
    assert not cycle.results_published
    assert "Winners" not in member.get(CYCLE_URL).content.decode()
    assert client_for(make_user("reader")).get("/api/v2/awards/").json()["meta"] == {
        "total_count": 0
    }

    _set_cycle(secretariat, cycle, status="decided", results_published=True)
    cycle.refresh_from_db()
    assert cycle.results_public and cycle.published_at is not None

    public = client_for(make_user("visitor"))
    winners = public.get(CYCLE_URL).content.decode()
    assert "Winners" in winners and "Urban food gardens" in winners
    assert "Winner, SDG City Award 2026" in public.get(food.url).content.decode()
    assert "Winner, SDG City Award 2026" in public.get(site["rosario"].url).content.decode()

    api = public.get("/api/v2/awards/", {"initiative": food.pk}).json()
    assert api["meta"] == {"total_count": 1}
    item = api["items"][0]
    assert item["programme"] == {"code": "sdg-city-award", "name": "SDG City Award"}
    assert (item["year"], item["rank"], item["initiative"]["id"]) == (2026, "winner", food.pk)
    assert item["city"]["id"] == site["rosario"].pk
    assert public.get("/api/v2/awards/", {"city": site["milan"].pk}).json()["meta"] == {
        "total_count": 0
    }
    assert public.get("/api/v2/awards/", {"year": 2025}).json()["items"] == []


@pytest.mark.django_db
def test_a_member_cannot_nominate_another_citys_initiative(site, milan_member, cycle):
    client = member_client(milan_member)
    response = client.post(NOMINATE_URL, {"initiative": site["food"].pk, "statement": "Ours?"})
    assert response.status_code == 400
    assert "Choose one of your city" in response.content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_a_non_member_is_refused_and_a_visitor_signs_in(site, cycle):
    data = {"initiative": site["food"].pk, "statement": "Please."}
    assert client_for(make_user("outsider")).post(NOMINATE_URL, data).status_code == 403
    from django.test import Client

    assert Client().post(NOMINATE_URL, data).status_code == 302
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_a_closed_cycle_refuses_nominations_with_a_message(site, rosario_member, cycle):
    cycle.status = AwardCycle.Status.JUDGING
    cycle.save()
    response = member_client(rosario_member).post(
        NOMINATE_URL, {"initiative": site["food"].pk, "statement": "Late."}
    )
    assert response.status_code == 400
    assert "Nominations for this cycle are closed." in response.content.decode()
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_unknown_cycles_and_years_answer_404(cycle):
    from django.test import Client

    assert Client().get("/en/awards/sdg-city-award/2025/").status_code == 404
    assert Client().get("/en/awards/nope/2026/").status_code == 404
    assert Client().get("/en/awards/sdg-city-award/99999999999999999999999/").status_code == 404
