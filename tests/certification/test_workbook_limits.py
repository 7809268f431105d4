"""Workbooks that would exhaust a worker are refused before openpyxl reads them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

import pytest

from certification import workflow
from certification.models import Answer
from certification.workbook import MAX_CELLS
from tests.bombs import check_in_child, xlsx_bomb, xlsx_with_cells

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 1024 * 1024
TOO_LARGE = (
    "The workbook is too large once unpacked (%(size)s; at most %(limit)s). Upload the "
    "workbook downloaded from this page."
)


@pytest.fixture
def draft(quito, quito_member):
    return workflow.start(quito.translation_key, quito_member, "en")


def post(client, application, data, language):
    upload = SimpleUploadedFile("filled.xlsx", data, XLSX)
    return client.post(
        f"/{language}/certification/applications/{application.pk}/workbook/", {"workbook": upload}
    )


def translated(language, message):
    with translation.override(language):
        text = gettext(message)
    assert language == "en" or text != message, f"{message!r} is not translated to {language}"
    return text


def before_placeholders(message):
    return message.split("%(")[0].rstrip(" (（:：")


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "fr", "ru", "es"])
def test_a_zip_bomb_is_refused_with_a_message_in_the_applicants_language(
    draft, quito_client, language
):
    bomb = xlsx_bomb()
    assert len(bomb) < 2 * MB  # about 1 MB that inflates to 1 GB

    response = post(quito_client, draft, bomb, language)

    assert response.status_code == 400
    body = response.content.decode()
    # The message, up to the sizes it names.
    assert escape(before_placeholders(translated(language, TOO_LARGE))) in body
    assert not Answer.objects.filter(application=draft).exclude(narrative="").exists()


def test_a_sheet_of_millions_of_cells_is_refused(draft, quito_client):
    response = post(quito_client, draft, xlsx_with_cells(MAX_CELLS + 1), "fr")
    assert response.status_code == 400
    message = translated("fr", "The workbook has too many cells (at most %(count)s).")
    assert escape(message % {"count": MAX_CELLS}) in response.content.decode()


def test_checking_a_bomb_stays_within_200_mb(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb())
    imports = (
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from certification.workbook import parse\n"
        "def check(data):\n"
        "    return parse(SimpleUploadedFile('bomb.xlsx', data), None).errors\n"
    )
    result = check_in_child(imports, path, language="ru")
    print(
        f"workbook bomb: peak {result['peak_kb'] // 1024} MB, "
        f"{(result['peak_kb'] - result['before_kb']) // 1024} MB for the check"
    )
    assert result["peak_kb"] < 200 * 1024
    (message,) = result["messages"]
    assert message.startswith(before_placeholders(translated("ru", TOO_LARGE)))
