"""Images above WAGTAILIMAGES_MAX_IMAGE_PIXELS are refused, in My City and in the admin, before
anything decodes them."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativePage
from tests.bombs import check_in_child, png_bomb
from tests.factories import CityIndexPageFactory, CityPageFactory

from .members import make_member, member_client

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = (
    "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
)


@pytest.fixture
def member(homes):
    cities = CityIndexPageFactory(parent=homes["en"], title="Upload cities", slug="upload-cities")
    city = CityPageFactory(parent=cities, title="Testville")
    return make_member(city, "images@testville.example.org")


def pixel_message(language, pixels):
    with translation.override(language):
        message = gettext(TOO_MANY_PIXELS)
    assert language == "en" or message != TOO_MANY_PIXELS
    return message % {
        "num_pixels": pixels,
        "max_pixels_count": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    }


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "fr", "ru", "es"])
def test_my_city_refuses_a_121_megapixel_png_in_the_members_language(member, language):
    bomb = SimpleUploadedFile("plan.png", png_bomb(), "image/png")
    assert bomb.size < 200_000

    response = member_client(member).post(
        f"/{language}/my-city/initiatives/new/",
        {
            "language": "en",
            "title": "A city plan",
            "status": "ongoing",
            "image": bomb,
            "image_alt": "The plan",
            "save": "draft",
        },
    )

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("input[name=title]")["value"] == "A city plan"
    errors = [error.get_text(strip=True) for error in page.select(".field__error")]
    assert pixel_message(language, 121_000_000) in errors
    assert not InitiativePage.objects.filter(title="A city plan").exists()
    assert not get_image_model().objects.exists()


def test_the_admin_refuses_it_too(admin_client):
    bomb = SimpleUploadedFile("plan.png", png_bomb(), "image/png")

    response = admin_client.post(
        "/admin/images/multiple/add/", {"title": "plan.png", "files[]": bomb}
    )

    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "too many pixels (121000000)" in result["error_message"]
    assert not get_image_model().objects.exists()


def test_checking_a_pixel_bomb_stays_within_200_mb(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_bomb())
    imports = (
        "from django.core.exceptions import ValidationError\n"
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from knowledge.members.forms import InitiativeSubmissionForm\n"
        "def check(data):\n"
        "    field = InitiativeSubmissionForm.base_fields['image']\n"
        "    try:\n"
        "        field.clean(SimpleUploadedFile('bomb.png', data, 'image/png'))\n"
        "    except ValidationError as error:\n"
        "        return error.messages\n"
        "    return []\n"
    )
    result = check_in_child(imports, path, language="zh-hans")
    print(
        f"pixel bomb: peak {result['peak_kb'] // 1024} MB, "
        f"{(result['peak_kb'] - result['before_kb']) // 1024} MB for the check"
    )
    assert result["peak_kb"] < 200 * 1024
    assert result["messages"] == [pixel_message("zh-hans", 121_000_000)]
