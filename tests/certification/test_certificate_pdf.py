"""The PDF certificate: in the city's language, with number, stage, dates, body and a QR code
of the verification page's address."""

import base64
import io

from django.test import Client

import pytest
import segno
from pypdf import PdfReader

from certification.certificate_pdf import certificate_html, qr_svg, verification_url

pytestmark = pytest.mark.django_db


def test_the_certificate_pdf_in_the_citys_language(issue, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://sdg.example.org"
    certificate = issue("Busan", "KR")
    application = certificate.application
    application.language = "fr"
    application.save()

    url = verification_url(certificate, "fr")
    assert url == f"https://sdg.example.org/fr/certification/verify/{certificate.number}/"
    html = certificate_html(certificate)
    # The QR code encodes exactly the verification address.
    assert qr_svg(url) in html
    encoded = html.split('src="data:image/svg+xml;base64,', 1)[1].split('"', 1)[0]
    svg = base64.b64decode(encoded).decode()
    assert svg == segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2)
    assert 'lang="fr"' in html and "Certificat" in html

    response = Client().get(f"/en/certification/verify/{certificate.number}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert certificate.number in text
    assert "Busan" in text
    assert url in text.replace("\n", "")  # wrapped on the page
    assert "Argent" in text  # the stage's label in French


def test_the_verification_page_links_the_pdf_and_unknown_numbers_are_404(client, issue):
    certificate = issue("Busan", "KR")
    page = client.get(f"/en/certification/verify/{certificate.number}/").content.decode()
    assert f"/en/certification/verify/{certificate.number}/certificate.pdf" in page
    for number in ("SDGC-2026-999999", "../x", "9" * 5000):
        response = client.get(f"/en/certification/verify/{number}/certificate.pdf")
        assert response.status_code == 404


def test_a_revoked_certificate_says_so_on_its_pdf(issue):
    from certification import committee

    certificate = issue("Busan", "KR")
    committee.revoke(certificate, issue.secretary, "Misstated evidence.")
    certificate.refresh_from_db()
    html = certificate_html(certificate)
    assert "Revoked" in html and "Misstated evidence." in html
