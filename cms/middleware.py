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
