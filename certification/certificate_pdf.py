"""The PDF certificate: in the city's language (the application's), with the number, stage,
dates, the certifying body and a QR code that opens the certificate's verification page."""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import segno

from .register import register_rows


def verification_url(certificate, language):
    with translation.override(language):
        path = reverse("certification:verify", args=[certificate.number])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_svg(url):
    """The QR code of `url` as an SVG data URI (error correction M, as scanned from paper)."""
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def certificate_html(certificate, base_url=None):
    language = certificate.application.language
    with translation.override(language):
        locale = Locale.objects.filter(language_code=language).first()
        register_rows([certificate], locale)
        url = verification_url(certificate, language)
        return render_to_string(
            "certification/certificate_pdf.html",
            {
                "certificate": certificate,
                "state": certificate.state(),
                "verification_url": url,
                "qr": qr_svg(url),
            },
        )


def certificate_pdf(certificate, base_url):
    from weasyprint import HTML

    return HTML(string=certificate_html(certificate), base_url=base_url).write_pdf()
