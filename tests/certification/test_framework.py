"""Stages, criteria, bodies and tools: seeded in six languages, translatable, kept by the
secretariat; criteria revisions leave earlier applications on their version."""

from django.utils.html import escape

from wagtail_localize.models import TranslationSource

import pytest

from certification import workflow
from certification.models import (
    CertificationStage,
    CertifyingBody,
    Criterion,
    Tool,
    current_criteria_version,
)
from library.models import LibraryIndexPage, LibraryItemPage
from tests.knowledge.members import member_client

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]


def test_stages_criteria_bodies_and_tools_exist_in_six_languages():
    for language in LANGUAGES:
        stages = CertificationStage.objects.filter(locale__language_code=language)
        assert [s.code for s in stages] == [
            "qualification",
            "processes",
            "enabling-environment",
            "impact",
        ]
        assert [c.code for c in stages[0].criteria.all()] == ["Q1", "Q2", "Q3"]
        assert CertifyingBody.objects.filter(locale__language_code=language, kind="global").exists()
        assert Tool.objects.filter(locale__language_code=language).count() == 8
        # Moved into the library by migrate: a live library item per tool and language.
        items = LibraryItemPage.objects.live().filter(locale__language_code=language)
        assert items.count() == 8
    english = CertificationStage.objects.get(code="qualification", locale__language_code="en")
    french = CertificationStage.objects.get(code="qualification", locale__language_code="fr")
    assert english.translation_key == french.translation_key
    assert english.label == "Silver" and french.label != english.label


def test_a_stage_with_its_criteria_can_be_translated_with_wagtail_localize():
    stage = CertificationStage.objects.get(code="impact", locale__language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(stage)
    strings = {segment.string.data for segment in source.stringsegment_set.all()}
    assert stage.name in strings
    assert stage.criteria.first().text in strings


def test_the_secretariat_edits_stages_and_the_committee_does_not(secretariat, committee_member):
    stage = CertificationStage.objects.get(code="qualification", locale__language_code="en")
    url = f"/admin/snippets/certification/certificationstage/edit/{stage.pk}/"
    assert member_client(secretariat).get(url).status_code == 200
    response = member_client(committee_member).get(url)
    assert response.status_code in (302, 403)


def test_a_revision_of_the_criteria_makes_a_new_version_for_new_applications_only(
    quito, quito_member, milan, milan_member
):
    earlier = workflow.start(quito.translation_key, quito_member, "en")
    criterion = Criterion.objects.get(code="Q2", locale__language_code="en")
    old_text = criterion.text
    criterion.text = "The city has chosen the stages it aims for and a dated work programme."
    criterion.save()

    later = workflow.start(milan.translation_key, milan_member, "en")
    assert earlier.criteria_version.number == 1
    assert later.criteria_version.number == 2
    assert earlier.criteria_version.criterion("Q2", "en")["text"] == old_text
    assert later.criteria_version.criterion("Q2", "en")["text"].endswith("dated work programme.")
    # Without a change, the latest version is reused.
    stage = CertificationStage.objects.get(code="qualification", locale__language_code="en")
    assert current_criteria_version(stage).number == 2

    page = member_client(quito_member).get(f"/en/certification/applications/{earlier.pk}/")
    assert escape(old_text) in page.content.decode()


def test_the_label_is_kept_apart_from_the_stage(quito, quito_member):
    stage = CertificationStage.objects.get(code="qualification", locale__language_code="en")
    stage.label = "Bronze"
    stage.save()
    application = workflow.start(quito.translation_key, quito_member, "en")
    page = member_client(quito_member).get(f"/en/certification/applications/{application.pk}/")
    assert "Qualification (candidate city) (Bronze)" in page.content.decode()


def test_the_application_page_in_french_shows_french_criteria(quito, quito_member):
    application = workflow.start(quito.translation_key, quito_member, "en")
    french = Criterion.objects.get(code="Q1", locale__language_code="fr")
    page = member_client(quito_member).get(f"/fr/certification/applications/{application.pk}/")
    assert escape(french.text) in page.content.decode()
    assert "Brouillon" in page.content.decode()


def test_my_city_shows_the_certification_section(quito_client):
    page = quito_client.get("/en/my-city/").content.decode()
    assert "SDG Cities certification" in page
    assert "/en/certification/applications/" in page


def test_application_page_queries_are_bounded(in_review, reviewer, django_assert_max_num_queries):
    client = member_client(reviewer)
    # 40 (38 measured): two of them look up the reader's second-factor devices, once per
    # request; four the assessors, whether both submitted, and the clarification rounds with
    # their questions; three the main menu and the footer (cms.navigation).
    with django_assert_max_num_queries(40):
        response = client.get(f"/en/certification/applications/{in_review.pk}/")
    assert response.status_code == 200


def test_the_secretariat_adds_a_technical_reviewer_in_the_admin(secretariat):
    from django.contrib.auth import get_user_model

    from certification.models import TechnicalReviewer

    person = get_user_model().objects.create_user("expert", "expert@example.org", "x")
    client = member_client(secretariat)
    assert client.get("/admin/technicalreviewer/").status_code == 200
    response = client.post(
        "/admin/technicalreviewer/new/",
        {"user": person.pk, "languages": ["ar", "fr"], "active": "on"},
    )
    assert response.status_code == 302
    assert TechnicalReviewer.objects.get(user=person).languages == ["ar", "fr"]
    # Stages and bodies are listed for the secretariat; tools are library items it keeps.
    for model in ("certificationstage", "certifyingbody"):
        assert client.get(f"/admin/snippets/certification/{model}/").status_code == 200
    library = LibraryIndexPage.objects.get(locale__language_code="en")
    assert client.get(f"/admin/pages/{library.pk}/").status_code == 200
    tool = LibraryItemPage.objects.filter(locale__language_code="en").first()
    assert client.get(f"/admin/pages/{tool.pk}/edit/").status_code == 200


def test_only_the_secretariat_manages_reviewers(committee_member):
    assert member_client(committee_member).get("/admin/technicalreviewer/").status_code in (
        302,
        403,
    )
