"""Uploading the same workbook twice adds nothing twice."""

import pytest

from certification import workflow
from certification.models import Answer, Evidence
from tests.knowledge.members import make_member, member_client

from .test_workbook import answers, post, upload

pytestmark = pytest.mark.django_db

ROWS = [
    ["Q1", "", "We took stock in 2023.", "largely", "Statistics office", "2019-2023", "es"],
    ["Q2", "", "A public commitment.", "fully", "Council minutes", "2024", "en"],
    ["Q3", "", "", "", "", "", ""],
]


def test_the_same_workbook_twice_adds_nothing_twice(make_city):
    city = make_city("Busan", "KR")
    member = make_member(city, "focal@busan.example.org")
    draft = workflow.start(city.translation_key, member, "en")
    client = member_client(member)

    assert post(client, draft, upload(ROWS)).status_code == 302
    first_answers = answers(draft)
    first_evidence = sorted(
        Evidence.objects.filter(answer__application=draft).values_list(
            "answer__criterion_code", "data_source", "period", "language"
        )
    )
    assert first_evidence == [
        ("Q1", "Statistics office", "2019-2023", "es"),
        ("Q2", "Council minutes", "2024", "en"),
    ]
    updated = dict(Answer.objects.filter(application=draft).values_list("pk", "updated_at"))

    assert post(client, draft, upload(ROWS)).status_code == 302

    assert answers(draft) == first_answers
    assert Evidence.objects.filter(answer__application=draft).count() == 2
    # Nothing was even rewritten.
    assert dict(Answer.objects.filter(application=draft).values_list("pk", "updated_at")) == (
        updated
    )
    changed, added = workflow.import_workbook(draft, [], member)
    assert (changed, added) == ([], 0)
