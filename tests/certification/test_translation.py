"""The certifying body and the stage are translated through wagtail-localize, like any
translatable snippet: a translation made there is what the French pages show."""

from django.test import Client

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from certification.models import CertificationStage, CertifyingBody
from demo.translation import sync_translation

pytestmark = pytest.mark.django_db

BODY_FR = "Comité mondial de certification des Villes ODD (traduit)"
STAGE_FR = "Qualification (ville candidate, traduite)"


def test_body_and_stage_translated_with_wagtail_localize_show_on_french_pages(issue):
    certificate = issue("Busan", "KR")
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    stage = CertificationStage.objects.get(code="qualification", locale__language_code="en")
    client = Client()
    url = f"/fr/certification/verify/{certificate.number}/"
    assert BODY_FR not in client.get(url).content.decode()

    # The translators' path: a source, a French translation, its strings, the target saved.
    assert sync_translation(body, "fr", {body.name: BODY_FR})
    assert sync_translation(stage, "fr", {stage.name: STAGE_FR})
    for instance in (body, stage):
        source = TranslationSource.objects.get_for_instance(instance)
        assert Translation.objects.filter(source=source, target_locale__language_code="fr")
    assert StringTranslation.objects.filter(data=BODY_FR, locale__language_code="fr").exists()
    french_body = CertifyingBody.objects.get(code="global-committee", locale__language_code="fr")
    assert french_body.name == BODY_FR and french_body.translation_key == body.translation_key

    page = client.get(url).content.decode()
    assert BODY_FR in page and STAGE_FR in page
    # Other languages keep their own; English keeps the source.
    english = client.get(f"/en/certification/verify/{certificate.number}/").content.decode()
    assert body.name in english and BODY_FR not in english
    spanish = client.get(f"/es/certification/verify/{certificate.number}/").content.decode()
    assert BODY_FR not in spanish
    # The certification page lists the French stage name.
    assert STAGE_FR in client.get("/fr/certification/").content.decode()
