"""Helpers shared by the My City tests."""

import re

from wagtail.models import TaskState

from bs4 import BeautifulSoup

from knowledge.models import CityPage

SECTIONS = {
    "title": "Neighbourhood heat shelters",
    "summary": "Cool rooms open to everyone during heat waves.",
    "background": "Heat waves are longer every summer.\n\nOlder people suffer most.",
    "actions": "Libraries and community centres open their air-conditioned rooms.",
    "impacts": "Fewer emergency calls on the hottest days.",
    "budget": "Paid from the city's climate adaptation budget.",
    "themes": ["environment-resilience", "health"],
    "sdgs": ["3", "13"],
    "targets": ["13.1"],
    "start_year": "2021",
    "end_year": "",
    "status": "ongoing",
    "implementing_agencies": "Department of health",
    "partners": "Red Cross",
    "policy_url": "https://example.org/shelters",
    "contact_name": "Kim",
    "contact_role": "Coordinator",
    "contact_email": "kim@seoul.example.org",
    "contact_phone": "",
    "image_alt": "",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0).replace("http://testserver", "")


def english_city(slug):
    return CityPage.objects.get(slug=slug, locale__language_code="en")


def submit(client, url, action, **overrides):
    data = {**SECTIONS, **overrides, action: action}
    return client.post(url, data)


def listing_titles(client, path, **params):
    return [
        a.get_text(strip=True)
        for a in soup(client.get(path, params)).select(".card__title a, .result-list h2 a")
    ]


def api_titles(client, **params):
    data = client.get(
        "/api/v2/pages/", {"type": "knowledge.InitiativePage", "limit": 100, **params}
    ).json()
    return [item["title"] for item in data["items"]]


def moderate(client, page, action, comment=""):
    task_state = TaskState.objects.get(
        workflow_state__base_content_type__model="page",
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )
