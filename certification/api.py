"""/api/v2/certificates/: the public register for partner sites, in Wagtail's envelope, and
/api/v2/certificates/<number>/: any certificate's state by its number.

The register lists only current certificates (neither expired nor revoked). Filters (read through
certification.parameters, so a bad value answers 400 with the message every listing gives):
`stage` (codes), `country` (ISO alpha-2), `city` (the id of the city page in any language),
`locale` (names in that language); `limit` (at most 100) and `offset`. The lookup answers
active, expired or revoked (with the date and the reason), and 404 for any other number, so a
revoked certificate never looks like a fake one.
"""

from django.conf import settings
from django.http import Http404
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError

from rest_framework.response import Response

from api.base import ListingAPIViewSet
from knowledge.base import cache_tags
from knowledge.models import CityPage

from .models import Certificate
from .parameters import PARAMETERS, FilterError, parse_filters
from .register import CERTIFICATE_NUMBER, register_rows


class CertificatesAPIViewSet(ListingAPIViewSet):
    """The register (listing) and the lookup by number (detail), on the API router."""

    name = "certificates"
    model = Certificate
    # `fields` is taken, as on every listing, and changes nothing: items have a fixed shape.
    known_query_parameters = frozenset([*PARAMETERS, "locale", "limit", "offset", "fields"])
    detail_query_parameters = frozenset(["locale", "fields"])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<str:number>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def listing_view(self, request):
        cache_tags.add("certificates", "certification")
        self.check_query_parameters()
        locale = self.locale()
        try:
            filters = parse_filters(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        queryset = Certificate.objects.current().select_related("body")
        if filters["stage"]:
            queryset = queryset.filter(stage_code__in=filters["stage"])
        if filters["country"]:
            keys = CityPage.objects.filter(country__in=filters["country"]).values("translation_key")
            queryset = queryset.filter(city_key__in=keys)
        if filters["city"]:
            queryset = queryset.filter(city_key__in=filters["city"])
        window = self.paginate_queryset(queryset.order_by("number"))
        base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
        with translation.override(locale.language_code):
            items = [_item(certificate, base) for certificate in register_rows(window, locale)]
        return self.get_paginated_response(items)

    def detail_view(self, request, number):
        """One certificate, whatever its state; 404 with a message for any other number."""
        cache_tags.add("certificates", "certification")
        self.known_query_parameters = self.detail_query_parameters
        self.check_query_parameters()
        locale = self.locale()
        number = number.strip().upper()
        certificate = None
        if CERTIFICATE_NUMBER.fullmatch(number):
            certificate = Certificate.objects.select_related("body").filter(number=number).first()
        with translation.override(locale.language_code):
            if certificate is None:
                raise Http404(_("No certificate has this number."))
            base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
            return Response(detail(register_rows([certificate], locale)[0], base))


def detail(certificate, base):
    """A certificate as the lookup and the webhooks describe it: the register's fields, with
    the revocation's date and reason."""
    item = _item(certificate, base)
    item["revoked_at"] = certificate.revoked_at.isoformat() if certificate.revoked_at else None
    item["revocation_reason"] = certificate.revocation_reason if certificate.revoked_at else ""
    return item


def _item(certificate, base):
    city, stage, body = certificate.city_page, certificate.stage, certificate.body_localized
    return {
        "number": certificate.number,
        "status": certificate.state(),
        "city": {
            "id": city.pk,
            "title": city.title,
            "country": {"code": city.country.code, "name": str(city.country.name)},
            "region": city.region,
        }
        if city
        else None,
        "stage": {
            "code": certificate.stage_code,
            "order": stage.order if stage else None,
            "name": stage.name if stage else "",
            "label": stage.label if stage else certificate.label,
        },
        "certifying_body": {
            "code": body.code,
            "kind": body.kind,
            "name": body.name,
            "country": body.country.code or None,
        },
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat(),
        "verification_url": base + reverse("certification:verify", args=[certificate.number]),
    }
