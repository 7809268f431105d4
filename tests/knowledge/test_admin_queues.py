"""The registrations and comments queues are Wagtail snippet viewsets: filters, search, bulk
actions, history, and permissions on the list and on every action."""

from django.contrib.auth import get_user_model
from django.core import mail

from wagtail.models import ModelLogEntry

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativeComment, Registration, TrustedCommenter
from tests.factories import CityIndexPageFactory, CityPageFactory

from .members import PASSWORD, make_member, member_client

pytestmark = pytest.mark.django_db
Status = Registration.Status
CommentStatus = InitiativeComment.Status
BULK_REGISTRATIONS = "/admin/bulk/knowledge/registration"
BULK_COMMENTS = "/admin/bulk/knowledge/initiativecomment"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def cities(homes):
    index = CityIndexPageFactory(parent=homes["en"])
    return {
        "seoul": CityPageFactory(parent=index, title="Seoul", country="KR"),
        "lima": CityPageFactory(parent=index, title="Lima", country="PE"),
    }


def make_registration(name, email, city=None, status=Status.PENDING, language="en", **extra):
    user = get_user_model().objects.create_user(email, email, PASSWORD, is_active=False)
    return Registration.objects.create(
        user=user,
        name=name,
        email=email,
        city=city,
        position="Officer",
        organisation=extra.pop("organisation", "City hall"),
        motivation="To share",
        status=status,
        language=language,
        **extra,
    )


def listed_names(response):
    return {
        cell.get_text(strip=True) for cell in soup(response).select("td.title .title-wrapper a")
    }


def test_registrations_are_filtered_by_status_city_and_language(cities, moderator_client):
    make_registration("Ana Pending", "ana@lima.example.org", cities["lima"], language="es")
    make_registration("Lee Pending", "lee@seoul.example.org", cities["seoul"])
    make_registration("Old Approved", "old@seoul.example.org", cities["seoul"], Status.APPROVED)

    # Waiting ones by default, with how many are in each status.
    response = moderator_client.get("/admin/registrations/")
    assert listed_names(response) == {"Ana Pending", "Lee Pending"}
    labels = soup(response).select_one("#id_status").get_text(" ", strip=True)
    assert "Waiting for a moderator (2)" in labels and "Approved (1)" in labels

    everyone = moderator_client.get("/admin/registrations/?status=")
    assert listed_names(everyone) == {"Ana Pending", "Lee Pending", "Old Approved"}
    seoul = moderator_client.get(
        f"/admin/registrations/?status=&city={cities['seoul'].translation_key}"
    )
    assert listed_names(seoul) == {"Lee Pending", "Old Approved"}
    spanish = moderator_client.get("/admin/registrations/?language=es")
    assert listed_names(spanish) == {"Ana Pending"}
    future = moderator_client.get("/admin/registrations/?status=&created_at_from=2999-01-01")
    assert listed_names(future) == set()


def test_registrations_are_searched_by_name_email_and_organisation(cities, moderator_client):
    make_registration("Ana Flores", "ana@lima.example.org", cities["lima"])
    make_registration("Lee Seo", "lee@seoul.example.org", organisation="Seoul Metro")

    assert listed_names(moderator_client.get("/admin/registrations/?q=flores")) == {"Ana Flores"}
    assert listed_names(moderator_client.get("/admin/registrations/?q=metro")) == {"Lee Seo"}
    by_mail = moderator_client.get("/admin/registrations/?q=seoul.example")
    assert listed_names(by_mail) == {"Lee Seo"}


def test_two_registrations_are_approved_at_once_and_history_shows_it(
    cities, moderator_client, django_assert_max_num_queries
):
    ana = make_registration("Ana", "ana@lima.example.org", cities["lima"], language="es")
    lee = make_registration("Lee", "lee@seoul.example.org", cities["seoul"])
    new_city = make_registration("Kim", "kim@x.example.org", requested_city="Atlantis")
    url = f"{BULK_REGISTRATIONS}/approve/?id={ana.pk}&id={lee.pk}&id={new_city.pk}"

    confirm = moderator_client.get(url)
    text = soup(confirm).get_text(" ", strip=True)
    assert "Approve these registrations?" in text
    # A new city needs its region: it is approved on its own page, not in bulk.
    assert "open them one by one" in text
    with django_assert_max_num_queries(120):
        response = moderator_client.post(url)

    assert response.status_code == 302
    for registration in (ana, lee):
        registration.refresh_from_db()
        assert registration.status == Status.APPROVED
        assert registration.user.city_membership.city_key == registration.city.translation_key
    new_city.refresh_from_db()
    assert new_city.status == Status.PENDING
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@lima.example.org",
        "lee@seoul.example.org",
    ]
    assert ModelLogEntry.objects.filter(
        action="knowledge.registration_approved", object_id=str(ana.pk)
    ).exists()
    history = moderator_client.get(f"/admin/registrations/history/{ana.pk}/")
    assert history.status_code == 200
    assert "Registration approved" in history.content.decode()


def test_registrations_are_declined_in_bulk_with_a_reason(cities, moderator_client):
    ana = make_registration("Ana", "ana@lima.example.org", cities["lima"])
    lee = make_registration("Lee", "lee@seoul.example.org", cities["seoul"])
    url = f"{BULK_REGISTRATIONS}/decline/?id={ana.pk}&id={lee.pk}"

    refused = moderator_client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    moderator_client.post(url, {"reason": "Not a city government."})

    for registration in (ana, lee):
        registration.refresh_from_db()
        assert registration.status == Status.DECLINED
    assert all("Not a city government." in message.body for message in mail.outbox)
    history = moderator_client.get(f"/admin/registrations/history/{lee.pk}/")
    assert "Registration declined" in history.content.decode()


def test_the_old_registration_address_redirects_to_its_page(cities, moderator_client):
    lee = make_registration("Lee", "lee@seoul.example.org", cities["seoul"])
    response = moderator_client.get(f"/admin/registrations/{lee.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/admin/registrations/inspect/{lee.pk}/"
    page = moderator_client.get(response["Location"])
    assert "lee@seoul.example.org" in page.content.decode()
    assert soup(page).select_one("select[name=approve-city] option[selected]").get_text() == "Seoul"


@pytest.fixture
def comments(cities):
    member = make_member(cities["seoul"], "lee@seoul.example.org", name="Lee")
    return [
        InitiativeComment.objects.create(
            page=cities["lima"], author=member, body=f"Comment {n}", language=language
        )
        for n, language in enumerate(["en", "ar", "fr"])
    ]


def test_comments_are_filtered_searched_and_hidden_in_bulk(comments, moderator_client):
    queue = moderator_client.get("/admin/comments/")
    assert listed_names(queue) == {"Comment 0", "Comment 1", "Comment 2"}
    # The text is marked with its language.
    assert soup(queue).select_one("div[lang=ar]")["dir"] == "rtl"
    assert listed_names(moderator_client.get("/admin/comments/?language=ar")) == {"Comment 1"}
    assert listed_names(moderator_client.get("/admin/comments/?q=comment+2")) == {"Comment 2"}

    first, second, third = comments
    response = moderator_client.post(f"{BULK_COMMENTS}/hide/?id={first.pk}&id={second.pk}")

    assert response.status_code == 302
    statuses = dict(InitiativeComment.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: CommentStatus.HIDDEN,
        second.pk: CommentStatus.HIDDEN,
        third.pk: CommentStatus.PENDING,
    }
    hidden = moderator_client.get("/admin/comments/?status=hidden")
    assert listed_names(hidden) == {"Comment 0", "Comment 1"}
    labels = soup(hidden).select_one("#id_status").get_text(" ", strip=True)
    assert "Hidden (2)" in labels and "Awaiting moderation (1)" in labels
    history = moderator_client.get(f"/admin/comments/history/{first.pk}/")
    assert "Comment hidden" in history.content.decode()


def test_the_comment_queue_lists_in_bounded_queries(
    cities, comments, moderator_client, django_assert_max_num_queries
):
    other = make_member(cities["lima"], "ana@lima.example.org", name="Ana")
    for n in range(10):
        InitiativeComment.objects.create(
            page=cities["seoul"], author=other, body=f"More {n}", language="en"
        )
    with django_assert_max_num_queries(40):
        assert moderator_client.get("/admin/comments/").status_code == 200


def test_a_row_is_approved_and_its_author_trusted_with_one_click(comments, moderator_client):
    comment = comments[0]
    queue = soup(moderator_client.get("/admin/comments/"))
    actions = {form["action"] for form in queue.select("td.queue-actions form")}
    assert f"{BULK_COMMENTS}/approve/?id={comment.pk}" in actions

    moderator_client.post(f"{BULK_COMMENTS}/approve/?id={comment.pk}", {"next": "/admin/comments/"})
    moderator_client.post(f"{BULK_COMMENTS}/trust/?id={comment.pk}")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert TrustedCommenter.objects.filter(user=comment.author).exists()
    actions = {entry.action for entry in ModelLogEntry.objects.filter(object_id=str(comment.pk))}
    assert {"knowledge.comment_published", "knowledge.commenter_trusted"} <= actions


def refused(response):
    """The admin's answer to PermissionDenied: back to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_without_the_permission_lists_and_bulk_actions_are_refused(cities, comments):
    registration = make_registration("Ana", "ana@lima.example.org", cities["lima"])
    # A city member reaches the admin (to edit their city's pages), not the queues.
    member = member_client(comments[0].author)

    assert refused(member.get("/admin/registrations/"))
    assert refused(member.get("/admin/comments/"))
    assert refused(member.get(f"/admin/registrations/inspect/{registration.pk}/"))
    assert refused(member.get(f"/admin/registrations/history/{registration.pk}/"))
    assert refused(member.post(f"{BULK_REGISTRATIONS}/approve/?id={registration.pk}"))
    assert refused(member.post(f"{BULK_REGISTRATIONS}/decline/?id={registration.pk}"))
    assert refused(member.post(f"{BULK_COMMENTS}/hide/?id={comments[0].pk}"))
    assert refused(member.post(f"{BULK_COMMENTS}/trust/?id={comments[0].pk}"))
    member.post(f"{BULK_COMMENTS}/delete/?id={comments[0].pk}")
    dashboard = member.get("/admin/")
    assert "/admin/comments/" not in dashboard.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    assert InitiativeComment.objects.filter(status=CommentStatus.PENDING).count() == 3
    assert not mail.outbox[1:]  # only the welcome of the member made by the fixture


def test_nobody_adds_or_edits_queue_rows_in_the_admin(cities, comments, moderator_client):
    registration = make_registration("Ana", "ana@lima.example.org", cities["lima"])
    assert refused(moderator_client.get("/admin/registrations/add/"))
    assert refused(moderator_client.get(f"/admin/registrations/edit/{registration.pk}/"))
    assert refused(moderator_client.get("/admin/comments/add/"))
    assert refused(moderator_client.get(f"/admin/comments/edit/{comments[0].pk}/"))
    assert refused(moderator_client.get(f"/admin/registrations/delete/{registration.pk}/"))
    registration.refresh_from_db()
    assert registration.name == "Ana"
