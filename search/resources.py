"""Certification resources as search results: the stages (on /<lang>/certification/) and the
tools and resources library, in the visitor's language.

Neither is a page: stages are four rows per language, matched like the goals; tools are
matched through Wagtail's search backend (they are indexed), with a substring match behind it
for scripts the database backends cannot split into words.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.search.backends import get_search_backend

from certification.models import CertificationStage, Tool
from knowledge import keywords

RESOURCE_TYPE = "certification.Resource"
RESOURCE_TYPE_LABEL = _("Certification resources")
MAX_RESOURCES = 20


@dataclass
class ResourceResult:
    key: str
    code: str
    title: str
    text: str
    url: str
    type_label: str

    @property
    def pk(self):
        return self.key

    def get_url(self, request=None):
        return self.url

    def get_full_url(self, request=None):
        return request.build_absolute_uri(self.url) if request is not None else self.url


def _index_url(locale):
    with translation.override(locale.language_code):
        return reverse("certification:index")


def resource_results(locale, query):
    # Whole words, as everywhere ("eau" is not in "niveaux"); as typed in Chinese.
    words = [keywords.word_pattern([word]) for word in query.split()]
    if not words:
        return []
    base = _index_url(locale)
    results = []
    for stage in CertificationStage.objects.filter(locale=locale).order_by("order"):
        text = keywords.normalise(f"{stage.name} {stage.label} {stage.summary}")
        if all(word.search(text) for word in words):
            results.append(
                ResourceResult(
                    key=f"stage:{stage.code}",
                    code=stage.code,
                    title=f"{stage.name} ({stage.label})",
                    text=stage.summary,
                    url=f"{base}#stage-{stage.code}",
                    type_label=str(_("Certification stage")),
                )
            )
    tools = Tool.objects.filter(locale=locale)
    matched = list(get_search_backend().search(query, tools, operator="and")[:MAX_RESOURCES])
    known = {tool.pk for tool in matched}
    for tool in tools:
        text = keywords.normalise(f"{tool.title} {tool.description} {tool.publisher}")
        if tool.pk not in known and all(word.search(text) for word in words):
            matched.append(tool)
    for tool in matched[:MAX_RESOURCES]:
        results.append(
            ResourceResult(
                key=f"tool:{tool.code}",
                code=tool.code,
                title=tool.title,
                text=tool.description,
                url=f"{base}#tool-{tool.code}",
                type_label=str(_("Tool or resource")),
            )
        )
    return results
