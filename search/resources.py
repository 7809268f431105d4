"""Certification resources as search results: the stages (on /<lang>/certification/), in the
visitor's language. Stages are not pages: four rows per language, matched like the goals.
(The tools and resources are library items, found as pages: library.LibraryItemPage.)
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from certification.models import CertificationStage
from knowledge.query import keywords

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
    return results
