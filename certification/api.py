"""/api/v2/certificates/: the public register for partner sites, in Wagtail's envelope.

Only current certificates (neither expired nor revoked). Filters: `stage` (codes), `country`
(ISO alpha-2), `city` (the id of the city page in any language), `locale` (names in that
language); `limit` (at most 100) and `offset`.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from knowledge import cache_tags

from .models import Certificate
from .public_views import register_rows

KNOWN = {"stage", "country", "city", "locale", "limit", "offset", "fields"}
MAX_LIMIT = 100


class BadRequest(Exception):
    pass


def _bad(message):
    return JsonResponse({"message": message}, status=400)


def _integer(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(_("%(name)s must be a whole number") % {"name": name}) from None
    if value < 0:
        raise BadRequest(_("%(name)s cannot be negative") % {"name": name})
    if maximum is not None and value > maximum:
        raise BadRequest(_("limit cannot be higher than %(max)s") % {"max": maximum})
    return value


def _values(request, name):
    return [value.strip() for value in request.GET.get(name, "").split(",") if value.strip()]


def certificates_api(request):
    from knowledge.models import CityPage

    cache_tags.add("certificates", "certification")
    unknown = sorted(set(request.GET) - KNOWN)
    if unknown:
        return _bad(
            _("query parameter is not an operation or a recognised field: %(names)s")
            % {"names": ", ".join(unknown)}
        )
    code = request.GET.get("locale") or Locale.get_default().language_code
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return _bad(_("locale: unknown language “%(code)s”") % {"code": code})
    try:
        limit = _integer(request, "limit", 20, MAX_LIMIT)
        offset = _integer(request, "offset", 0)
        cities = _values(request, "city")
        if any(not value.isdigit() for value in cities):
            raise BadRequest(_("city: give the ids of city pages"))
    except BadRequest as error:
        return _bad(str(error))
    queryset = Certificate.objects.current().select_related("body")
    if stages := _values(request, "stage"):
        queryset = queryset.filter(stage_code__in=stages)
    if countries := [value.upper() for value in _values(request, "country")]:
        keys = CityPage.objects.filter(country__in=countries).values("translation_key")
        queryset = queryset.filter(city_key__in=keys)
    if cities:
        keys = CityPage.objects.filter(pk__in=cities).values("translation_key")
        queryset = queryset.filter(city_key__in=keys)
    total = queryset.count()
    # An offset past the end asks nothing more (one beyond 64 bits would make SQLite fail).
    window = queryset.order_by("number")[offset : offset + limit] if offset < total else []
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    with translation.override(locale.language_code):
        items = [_item(certificate, base) for certificate in register_rows(window, locale)]
    return JsonResponse(
        {"meta": {"total_count": total}, "items": items},
        json_dumps_params={"ensure_ascii": False},
    )


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
