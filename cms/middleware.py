from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except on routes that carry no language.

    Wagtail's catch-all page route makes every path look valid under /<lang>/, so Django would
    turn a 404 from the API or the admin into a redirect to /en/api/…; those 404s must stay 404s.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.LANGUAGE_INDEPENDENT_PATHS):
            return response
        return super().process_response(request, response)


class RejectNulCharactersMiddleware:
    """A query parameter holding a NUL character gets 400 with a message naming it.

    PostgreSQL cannot store or compare text with NUL (0x00) in it, so such a value would reach
    a search or filter and fail with a server error; no parameter of the site needs one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = sorted(
            name
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if names:
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.translation import gettext as _

            message = _("%(name)s: contains a NUL character") % {
                "name": names[0].replace("\x00", "")
            }
            if request.path_info.startswith("/api/"):
                return JsonResponse({"message": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
