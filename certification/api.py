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
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from knowledge import cache_tags

from .models import Certificate
from .parameters import PARAMETERS, FilterError, parse_filters
from .public_views import CERTIFICATE_NUMBER, register_rows

KNOWN = {*PARAMETERS, "locale", "limit", "offset", "fields"}
DETAIL_KNOWN = {"locale", "fields"}
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


def _unknown_parameters(request, known):
    unknown = sorted(set(request.GET) - known)
    if unknown:
        return _bad(
            _("query parameter is not an operation or a recognised field: %(names)s")
            % {"names": ", ".join(unknown)}
        )
    return None


def _locale(request):
    """The Locale asked for with `locale` (the default language without it), or None."""
    code = request.GET.get("locale") or Locale.get_default().language_code
    return Locale.objects.filter(language_code=code).first()


def _unknown_locale(request):
    return _bad(_("locale: unknown language “%(code)s”") % {"code": request.GET.get("locale")})


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def certificates_api(request):
    from knowledge.models import CityPage

    cache_tags.add("certificates", "certification")
    if refused := _unknown_parameters(request, KNOWN):
        return refused
    locale = _locale(request)
    if locale is None:
        return _unknown_locale(request)
    try:
        limit = _integer(request, "limit", 20, MAX_LIMIT)
        offset = _integer(request, "offset", 0)
        filters = parse_filters(request.GET)
    except (BadRequest, FilterError) as error:
        return _bad(str(error))
    queryset = Certificate.objects.current().select_related("body")
    if filters["stage"]:
        queryset = queryset.filter(stage_code__in=filters["stage"])
    if filters["country"]:
        keys = CityPage.objects.filter(country__in=filters["country"]).values("translation_key")
        queryset = queryset.filter(city_key__in=keys)
    if filters["city"]:
        queryset = queryset.filter(city_key__in=filters["city"])
    total = queryset.count()
    # An offset past the end asks nothing more (one beyond 64 bits would make SQLite fail).
    window = queryset.order_by("number")[offset : offset + limit] if offset < total else []
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    with translation.override(locale.language_code):
        items = [_item(certificate, base) for certificate in register_rows(window, locale)]
    return _json({"meta": {"total_count": total}, "items": items})


def certificate_api(request, number):
    """One certificate, whatever its state; 404 with a message for any other number."""
    cache_tags.add("certificates", "certification")
    if refused := _unknown_parameters(request, DETAIL_KNOWN):
        return refused
    locale = _locale(request)
    if locale is None:
        return _unknown_locale(request)
    number = number.strip().upper()
    certificate = None
    if CERTIFICATE_NUMBER.fullmatch(number):
        certificate = Certificate.objects.select_related("body").filter(number=number).first()
    if certificate is None:
        with translation.override(locale.language_code):
            return _json({"message": _("No certificate has this number.")}, status=404)
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    with translation.override(locale.language_code):
        return _json(detail(register_rows([certificate], locale)[0], base))


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
