"""The register of certificates: numbers, the current certificate of a city, and certificates
with their city, stage and body in one language (for the public pages, the PDF, the API and
webhooks)."""

import re

from wagtail.models import Locale

from knowledge.models import CityPage

from .models import Certificate, CertificationStage, CertifyingBody
from .models.applications import rows_in_locale

# SDGC-<year>-<number of at least six digits> (certification.committee issues them).
CERTIFICATE_NUMBER = re.compile(r"SDGC-[0-9]{4}-[0-9]{6,20}")


def register_rows(certificates, locale):
    """Certificates with their city, stage and body in `locale`, in a fixed number of queries."""

    certificates = list(certificates)
    cities = rows_in_locale(CityPage, [c.city_key for c in certificates], locale)
    stages = rows_in_locale(CertificationStage, [c.stage_key for c in certificates], locale)
    bodies = rows_in_locale(CertifyingBody, [c.body.translation_key for c in certificates], locale)
    for certificate in certificates:
        certificate.city_page = cities.get(certificate.city_key)
        certificate.stage = stages.get(certificate.stage_key)
        certificate.body_localized = bodies.get(certificate.body.translation_key)
    return certificates


def current_certificate_of(city_key):
    """The city's current certificate of the highest stage, or None."""
    current = Certificate.objects.current().filter(city_key=city_key).select_related("body")
    order = {
        s.code: s.order for s in CertificationStage.objects.filter(locale=Locale.get_default())
    }
    return max(current, key=lambda c: order.get(c.stage_code, 0), default=None)
