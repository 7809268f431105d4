import sys

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

from .error_reporting import errors_are_reported

# What a lost or refused database connection raises (through Django's wrappers of the driver).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _error_language(request):
    """The language of the address (or the browser's), found without the database."""
    try:
        return translation.get_language_from_request(request, check_path=True)
    except (LookupError, ValueError):
        return settings.LANGUAGE_CODE


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """The 500 page, or 503 with Retry-After when the database cannot be reached; in the
    language of the address, rendered without touching the database; JSON under /api/.

    Django's default handler renders the template without context, so the page could not say
    which language and direction it is in.
    """
    unavailable = isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE)
    status = 503 if unavailable else 500
    reported = errors_are_reported()
    with translation.override(_error_language(request)):
        if request.path_info.startswith("/api/"):
            if unavailable:
                message = _("The service is unavailable for a moment. Please try again shortly.")
            else:
                message = _("Server error. Please try again in a few minutes.")
            response = JsonResponse({"message": message}, status=status)
        else:
            template = loader.get_template("503.html" if unavailable else template_name)
            context = {
                "LANGUAGE_CODE": translation.get_language(),
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "reported": reported,
                # The page's own styles carry the Content-Security-Policy nonce (cms.security).
                "csp_nonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else "",
            }
            response = HttpResponse(template.render(context), status=status)
    if unavailable:
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def robots_txt(request):
    """Crawlers may read the public site; the admin is out of bounds."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


ROOT_ICONS = {"favicon.ico": "image/x-icon", "apple-touch-icon.png": "image/png"}


@cache_control(public=True, max_age=86400)
def root_icon(request, name):
    """Browsers and crawlers ask for /favicon.ico and /apple-touch-icon.png at the root whatever
    the page links; the files are the static ones the pages link to."""
    path = finders.find(f"icons/{name}")
    return FileResponse(open(path, "rb"), content_type=ROOT_ICONS[name])
