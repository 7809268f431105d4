"""Requests per client address, so that one client cannot starve the others.

Counted by django-ratelimit in the shared cache (Redis with REDIS_URL), per client address
(cms.client.client_ip, which sees through TRUSTED_PROXIES): API requests against
RATE_LIMIT_API, everything else that reaches the app against RATE_LIMIT_PAGES. Past the limit:
429 with `Retry-After` and a message in the visitor's language, as JSON for the API.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from django_ratelimit.core import get_usage


def _limit(request):
    path = request.path_info
    if path.startswith(settings.RATE_LIMIT_EXEMPT_PATHS) or request.method == "OPTIONS":
        return None, None
    if path.startswith("/api/"):
        return "api", settings.RATE_LIMIT_API
    return "pages", settings.RATE_LIMIT_PAGES


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        group, rate = _limit(request)
        if rate:
            usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
            if usage and usage["should_limit"]:
                return self.too_many(request, rate, usage["time_left"])
        return self.get_response(request)

    def too_many(self, request, rate, time_left):
        seconds = max(1, time_left)
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            message = _(
                "Too many requests from your address (at most %(rate)s). "
                "Please try again in %(seconds)s seconds."
            ) % {"rate": rate, "seconds": seconds}
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"message": message}, status=429)
        else:
            response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(seconds)
        response["Cache-Control"] = "no-store"
        return response
