"""The jury's rights in the admin, what shows before publication, the API's parameters and the
cost of the pages and the API."""

from django.test import Client
from django.urls import reverse

import pytest

from awards.models import AwardCycle, Nomination, Rank, Score
from tests.factories import InitiativePageFactory, client_for, make_user
from tests.knowledge.members import member_client

SCORE = {"impact": "3", "replicability": "3", "sdg_alignment": "3", "comment": ""}


def _nominate(initiative, cycle, rank=""):
    return Nomination.objects.create(
        cycle=cycle, initiative=initiative, statement="Because.", rank=rank
    )


def _judging(cycle):
    cycle.status = AwardCycle.Status.JUDGING
    cycle.save()


@pytest.mark.django_db
def test_only_the_cycles_jurors_score_while_the_jury_is_at_work(site, cycle, jurors):
    nomination = _nominate(site["food"], cycle)
    add = reverse("award_scores:add")
    # Open for nominations: not yet.
    early = client_for(jurors[0]).post(add, {"nomination": nomination.pk, **SCORE})
    assert early.status_code == 200 and not Score.objects.exists()
    _judging(cycle)
    # In the jury group but not on this cycle's jury.
    outsider = make_user("other-juror", "Awards jury")
    refused = client_for(outsider).post(add, {"nomination": nomination.pk, **SCORE})
    assert refused.status_code == 200
    assert not Score.objects.exists()
    # Not in the jury group at all: no admin access to scores.
    assert client_for(make_user("editor")).get(add).status_code in (302, 403)
    assert (
        client_for(jurors[0]).post(add, {"nomination": nomination.pk, **SCORE}).status_code == 302
    )
    assert Score.objects.get().juror == jurors[0]


@pytest.mark.django_db
def test_jurors_see_only_their_own_scores_until_the_cycle_is_decided(site, cycle, jurors):
    nomination = _nominate(site["food"], cycle)
    _judging(cycle)
    first = Score.objects.create(
        nomination=nomination,
        juror=jurors[0],
        impact=5,
        replicability=5,
        sdg_alignment=5,
        comment="Mine",
    )
    other = Score.objects.create(
        nomination=nomination,
        juror=jurors[1],
        impact=1,
        replicability=1,
        sdg_alignment=1,
        comment="Secret opinion",
    )
    client = client_for(jurors[0])
    index = client.get(reverse("award_scores:index")).content.decode()
    assert reverse("award_scores:edit", args=[first.pk]) in index
    assert reverse("award_scores:edit", args=[other.pk]) not in index
    assert "juror-2" not in index
    assert client.get(reverse("award_scores:edit", args=[other.pk])).status_code in (302, 403)
    assert client.get(reverse("award_scores:history", args=[other.pk])).status_code in (302, 403)
    # A juror cannot change another's score by posting to it.
    client.post(
        reverse("award_scores:edit", args=[other.pk]), {"nomination": nomination.pk, **SCORE}
    )
    other.refresh_from_db()
    assert other.impact == 1

    cycle.status = AwardCycle.Status.DECIDED
    cycle.save()
    assert "juror-2" in client.get(reverse("award_scores:index")).content.decode()
    # Decided: nobody changes a score any more.
    assert client.get(reverse("award_scores:edit", args=[first.pk])).status_code in (302, 403)


@pytest.mark.django_db
def test_results_stay_hidden_until_published(site, cycle):
    nomination = _nominate(site["food"], cycle, rank=Rank.WINNER)
    cycle.status = AwardCycle.Status.DECIDED
    cycle.save()
    client = Client()
    assert (
        "Urban food gardens" not in client.get("/en/awards/sdg-city-award/2026/").content.decode()
    )
    assert "SDG City Award" not in client.get(site["food"].url).content.decode()
    assert client.get("/api/v2/awards/").json()["meta"]["total_count"] == 0
    cycle.results_published = True
    cycle.save()
    assert client.get("/api/v2/awards/").json()["meta"]["total_count"] == 1
    # An initiative that is no longer live drops out of the results.
    site["food"].unpublish()
    assert client.get("/api/v2/awards/").json()["meta"]["total_count"] == 0
    assert nomination.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "1800"}, "year:"),
        ({"city": "abc"}, "city:"),
        ({"city": "999999"}, "city:"),
        ({"initiative": "-1"}, "initiative:"),
        ({"initiative": "999999"}, "initiative:"),
        ({"rank": "winner"}, "rank"),
        ({"limit": "1000"}, "limit"),
        ({"locale": "xx"}, "locale:"),
    ],
)
def test_the_api_refuses_bad_parameters_with_400(homes, query, message):
    response = Client().get("/api/v2/awards/", query)
    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.django_db
def test_pages_and_api_cost_a_bounded_number_of_queries(site, cycle, django_assert_max_num_queries):
    for number in range(8):
        initiative = InitiativePageFactory(parent=site["rosario"], title=f"Initiative {number}")
        _nominate(initiative, cycle, rank=Rank.WINNER if number == 0 else Rank.FINALIST)
    cycle.status = AwardCycle.Status.DECIDED
    cycle.results_published = True
    cycle.save()
    client = Client()
    client.get("/api/v2/awards/")  # warm the site and locale caches
    with django_assert_max_num_queries(12):
        response = client.get("/api/v2/awards/", {"city": site["rosario"].pk, "locale": "en"})
    assert response.json()["meta"]["total_count"] == 8
    with django_assert_max_num_queries(25):
        assert "Initiative 7" in client.get("/en/awards/sdg-city-award/2026/").content.decode()
    with django_assert_max_num_queries(60):
        assert client.get(site["rosario"].url).status_code == 200


@pytest.mark.django_db
def test_my_city_lists_the_citys_nominations_and_their_result_once_published(
    site, rosario_member, milan_member, cycle
):
    _nominate(site["food"], cycle, rank=Rank.WINNER)
    cycle.status = AwardCycle.Status.DECIDED
    cycle.save()
    rosario = member_client(rosario_member).get("/en/my-city/").content.decode()
    assert "SDG City Award 2026" in rosario and "Urban food gardens" in rosario
    assert "Winner" not in rosario
    assert (
        "Urban food gardens" not in member_client(milan_member).get("/en/my-city/").content.decode()
    )
    cycle.results_published = True
    cycle.save()
    assert "Winner" in member_client(rosario_member).get("/en/my-city/").content.decode()


@pytest.mark.django_db
def test_jurors_read_the_nominations_but_only_the_secretariat_sees_their_scores(
    site, cycle, jurors, secretariat
):
    nomination = _nominate(site["food"], cycle)
    Score.objects.create(
        nomination=nomination, juror=jurors[1], impact=2, replicability=2, sdg_alignment=2
    )
    index = reverse("award_nominations:index")
    juror = client_for(jurors[0])
    listing = juror.get(index).content.decode()
    assert "Urban food gardens" in listing and "Mean total" not in listing
    inspect = juror.get(reverse("award_nominations:inspect", args=[nomination.pk]))
    assert "Because." in inspect.content.decode()
    # Jurors mark no results.
    juror.post(reverse("award_nominations:edit", args=[nomination.pk]), {"rank": "winner"})
    nomination.refresh_from_db()
    assert nomination.rank == ""
    assert "Mean total" in secretariat.get(index).content.decode()
