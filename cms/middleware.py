from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

# The API only reads; anything else is refused before a view sees it.
API_METHODS = ("GET", "HEAD", "OPTIONS")
# Methods no route of the site answers.
REFUSED_METHODS = ("TRACE", "CONNECT")
# Headers of an error answer that stay when its body is replaced.
REPLACED_HEADERS = {"content-type", "content-length"}


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except on routes that carry no language.

    Wagtail's catch-all page route makes every path look valid under /<lang>/, so Django would
    turn a 404 from the API or the admin into a redirect to /en/api/…; those 404s must stay 404s.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(settings.LANGUAGE_INDEPENDENT_PATHS):
            return response
        return super().process_response(request, response)


def _is_api(request):
    return request.path_info.startswith("/api/")


def _default_message(request, status):
    if status == 404:
        return _("Nothing was found at this address.")
    if status == 405:
        return _("This address does not accept the %(method)s method.") % {
            "method": request.method[:20]
        }
    if status >= 500:
        return _("Server error. Please try again in a few minutes.")
    if status == 403:
        return _("You may not do this.")
    return _("This request could not be handled (%(status)s).") % {"status": status}


class ErrorBodyMiddleware:
    """Error answers in the form their reader expects.

    Under /api/ every error is JSON, {"message": "…"}, whatever produced it (an unknown route,
    a method the API does not accept, Django's CSRF check, a server error). Elsewhere an error a
    view or middleware left without a body (405 from a view's allowed methods, a bad parameter)
    becomes a page of the site with the message. A response may carry its message as
    `error_message`, a function called in the reader's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS or (
            _is_api(request) and request.method not in API_METHODS
        ):
            response = HttpResponse(status=405)
            response["Allow"] = ", ".join(API_METHODS if _is_api(request) else ("GET", "POST"))
        else:
            response = self.get_response(request)
        if response.status_code < 400 or response.streaming:
            return response
        if _is_api(request):
            if response.get("Content-Type", "").startswith("application/json"):
                return response
        elif response.content and not hasattr(response, "error_message"):
            return response
        return self.replace(request, response)

    def replace(self, request, response):
        status = response.status_code
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            explain = getattr(response, "error_message", None)
            message = explain() if explain else _default_message(request, status)
            if _is_api(request):
                replacement = JsonResponse(
                    {"message": message}, status=status, json_dumps_params={"ensure_ascii": False}
                )
            else:
                context = {"message": message, "status": status, "page": None}
                replacement = render(request, "error.html", context, status=status)
        for name, value in response.items():
            if name.lower() not in REPLACED_HEADERS:
                replacement[name] = value
        replacement.cookies = response.cookies
        return replacement


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
            name = names[0].replace("\x00", "")[:100]
            response = HttpResponseBadRequest()
            # Written by ErrorBodyMiddleware, in the reader's language.
            response.error_message = lambda: (
                _("%(name)s: contains a NUL character") % {"name": name}
            )
            return response
        return self.get_response(request)


class AdminLanguageMiddleware:
    """The admin in each user's chosen language for the whole request.

    Wagtail applies the preference inside the view only: what it says when it refuses a view
    ("Sorry, you do not have permission to access this area.") is written after the view has
    returned, in the browser's language. The profile read here is the one Wagtail reads again
    (cached on the user), so this costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and hasattr(user, "wagtail_userprofile")
        ):
            language = user.wagtail_userprofile.get_preferred_language()
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
