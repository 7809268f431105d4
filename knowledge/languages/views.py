"""Admin report of translations that are out of date with their source, per language."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy

from .desk import SECTIONS, desk_languages, translation_desk
from .state import out_of_date_translations


def out_of_date_report(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    # Each user sees the pages they may edit (a city's members, their city's pages only).
    languages = [
        (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    selected = request.GET.get("language", "")
    if selected not in dict(languages):
        selected = ""
    rows = out_of_date_translations(request.user, selected or None)
    groups = []
    for code, name in languages:
        entries = [(page, state) for page, state in rows if page.locale.language_code == code]
        if entries and (not selected or selected == code):
            groups.append((code, name, entries))
    return TemplateResponse(
        request,
        "knowledge/admin/out_of_date_translations.html",
        {
            "groups": groups,
            "languages": languages,
            "selected": selected,
            "total": len(rows),
            "header_title": gettext_lazy("Out-of-date translations"),
        },
    )


def translation_desk_view(request):
    """The desk of one of the user's languages (?language=), the first by default."""
    languages = desk_languages(request.user)
    if not languages:
        raise PermissionDenied
    names = dict(settings.LANGUAGES)
    selected = request.GET.get("language", "")
    if selected not in languages:
        selected = languages[0]
    sections = translation_desk(request.user, selected)
    return TemplateResponse(
        request,
        "knowledge/admin/translation_desk.html",
        {
            "languages": [(code, names[code]) for code in languages],
            "selected": selected,
            "selected_name": names[selected],
            "sections": [sections[code] for code in SECTIONS],
            "header_title": gettext_lazy("Translation desk"),
        },
    )
