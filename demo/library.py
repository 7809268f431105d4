"""The library in the demo: its index (intro, in the menu), four publications the seeds cite, in
six languages, and the goals and years of the certification's tools (moved into the library at
migrate, already in six languages). Nothing changes on a second run."""

from wagtail.models import Locale

from certification.library_tools import library_index
from knowledge.models import SustainableDevelopmentGoal, Theme
from library.models import LibraryItemPage

from .content import library as content
from .pages import rich_text, translate_page, update_page, upsert_page


def load(log):
    english = Locale.objects.get(language_code="en")
    index = library_index(english)
    update_page(index, {"intro": content.LIBRARY_INTRO, "show_in_menus": True}, log)
    translate_page(index, log)
    goals = SustainableDevelopmentGoal.objects.filter(locale=english)
    themes = Theme.objects.filter(locale=english)
    for spec in content.PUBLICATIONS:
        fields = {
            "title": spec["title"],
            "kind": spec["kind"],
            "publisher": spec["publisher"],
            "year": spec["year"],
            "languages": ["en"],
            "link": spec["link"],
            "abstract": rich_text([spec["abstract"]]),
            "criterion_codes": spec.get("criteria", ""),
        }
        relations = {
            "sdgs": list(goals.filter(number__in=spec["sdgs"])),
            "themes": list(themes.filter(code__in=spec["themes"])),
        }
        page = upsert_page(index, LibraryItemPage, spec["slug"], fields, log, relations)
        translate_page(page, log)
    for code, details in content.TOOL_DETAILS.items():
        for item in LibraryItemPage.objects.filter(code=code).select_related("locale"):
            fields = {"year": details["year"]} if "year" in details else {}
            relations = {
                "sdgs": list(
                    SustainableDevelopmentGoal.objects.filter(
                        locale=item.locale, number__in=details["sdgs"]
                    )
                )
            }
            update_page(item, fields, log, relations)
