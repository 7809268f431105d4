"""The offline workbook: downloaded, filled in, uploaded back into the draft row by row."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

import pytest
from openpyxl import Workbook, load_workbook

from certification import workflow
from certification.models import Answer, Evidence

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def draft(quito, quito_member):
    application = workflow.start(quito.translation_key, quito_member, "en")
    Answer.objects.filter(application=application, criterion_code="Q2").update(
        narrative="Already in the draft.", self_rating="partly"
    )
    return application


def upload(rows, sheet="self-assessment", header=None):
    book = Workbook()
    sheet_ = book.active
    sheet_.title = sheet
    sheet_.append(
        header
        or ["code", "criterion", "narrative", "self_rating", "data_source", "period", "language"]
    )
    for row in rows:
        sheet_.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("filled.xlsx", data.getvalue(), XLSX)


def post(client, application, file, language="en"):
    return client.post(
        f"/{language}/certification/applications/{application.pk}/workbook/", {"workbook": file}
    )


def answers(application):
    return {
        a.criterion_code: (a.narrative, a.self_rating)
        for a in Answer.objects.filter(application=application)
    }


def test_the_workbook_downloads_with_the_criteria_and_answers(draft, quito_client):
    response = quito_client.get(f"/fr/certification/applications/{draft.pk}/workbook.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["self-assessment"].iter_rows(values_only=True))
    assert rows[0][:4] == ("code", "criterion", "narrative", "self_rating")
    assert [row[0] for row in rows[1:]] == ["Q1", "Q2", "Q3"]
    assert rows[2][2] == "Already in the draft."
    assert "ville" in rows[1][1]  # the criteria in the reader's language


def test_a_good_workbook_fills_the_draft(draft, quito_client):
    response = post(
        quito_client,
        draft,
        upload(
            [
                [
                    "Q1",
                    "",
                    "We took stock in 2023.",
                    "largely",
                    "Statistics office",
                    "2019-2023",
                    "es",
                ],
                ["q3", "", "The council committed in public.", "fully", "", "", ""],
                ["Q2", "", "", "", "", "", ""],
            ]
        ),
    )
    assert response.status_code == 302
    assert answers(draft) == {
        "Q1": ("We took stock in 2023.", "largely"),
        "Q2": ("Already in the draft.", "partly"),
        "Q3": ("The council committed in public.", "fully"),
    }
    evidence = Evidence.objects.get(answer__application=draft)
    assert (evidence.data_source, evidence.period, evidence.language) == (
        "Statistics office",
        "2019-2023",
        "es",
    )


@pytest.mark.parametrize(
    "file, messages",
    [
        (upload([["Q1", "", "x", "fully"]], sheet="Sheet1"), ["no sheet named “self-assessment”"]),
        (
            upload([["Q1", "x"]], header=["code", "narrative"]),
            ["The column “self_rating” is missing from the first row."],
        ),
        (
            upload(
                [
                    ["Q1", "", "Fine answer.", "largely"],
                    ["Q9", "", "Unknown.", "fully"],
                    ["Q2", "", "Text", "excellent"],
                    ["Q3", "", "Text", "fully", "", "2020", ""],
                ]
            ),
            [
                "Row 3: “Q9” is not a criterion of this application.",
                "Row 4: “excellent” is not a self-rating; "
                "use one of not_yet, partly, largely, fully.",
                "Row 5: give the data source of the evidence.",
            ],
        ),
        (
            SimpleUploadedFile("filled.xlsx", b"not a spreadsheet", XLSX),
            ["This is not an .xlsx workbook."],
        ),
    ],
)
def test_a_malformed_workbook_is_refused_row_by_row_and_changes_nothing(
    draft, quito_client, file, messages
):
    before = answers(draft)
    response = post(quito_client, draft, file)
    assert response.status_code == 400
    body = response.content.decode()
    for message in messages:
        assert escape(message) in body
    assert "nothing was changed" in body
    assert answers(draft) == before
    assert not Evidence.objects.filter(answer__application=draft).exists()


def test_row_messages_come_in_the_applicants_language(draft, quito_client):
    response = post(quito_client, draft, upload([["Q9", "", "x", "fully"]]), language="fr")
    assert response.status_code == 400
    assert "Ligne 2" in response.content.decode()


def test_only_the_city_uses_the_workbook_of_its_draft(draft, milan_member):
    from tests.knowledge.members import member_client

    other = member_client(milan_member)
    assert other.get(f"/en/certification/applications/{draft.pk}/workbook.xlsx").status_code == 404
    assert post(other, draft, upload([["Q1", "", "x", "fully"]])).status_code == 404
