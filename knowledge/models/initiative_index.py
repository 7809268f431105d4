"""The searchable database of initiatives (the listing is knowledge.initiatives.listing)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from ..base.http import refused_if_notice
from ..base.serializers import TranslationsField
from ..permissions import KnowledgePagePermissionsMixin
from .cities import page_extras


class InitiativeIndexPage(RoutablePageMixin, KnowledgePagePermissionsMixin, Page):
    """The searchable database of initiatives, at /<lang>/initiatives/. Translated: title, intro.

    It lists every live initiative of its language, wherever it sits in the tree; export/csv/
    and export/xlsx/ download what it lists for the same parameters (knowledge.initiatives.export).
    Other apps add controls above the results through the `initiative_index_actions` hook (each
    function takes the request and the page and returns HTML or None; alerts offers "Save this
    search").
    """

    intro = models.TextField(_("introduction"), blank=True)

    # What the page lists and exports is knowledge.initiatives.listing and
    # knowledge.initiatives.export, which
    # import the models: KnowledgeConfig.ready() hands their entry points to the page, so that
    # the model layer imports nothing above it.
    listing_context = None  # (request, locale) -> the listing's context
    export_view = None  # (request, page, "csv" | "xlsx") -> the download

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("initiative database")
        verbose_name_plural = _("initiative databases")

    @path("")
    def index(self, request):
        return refused_if_notice(self.render(request))

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        return self._export(request, "csv")

    @path("export/xlsx/", name="export_xlsx")
    def export_xlsx(self, request):
        return self._export(request, "xlsx")

    def _export(self, request, kind):
        return self.export_view(request, self, kind)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request, self.locale))
        # Controls of other apps above the results ("Save this search").
        context["index_actions"] = page_extras("initiative_index_actions", request, self)
        return context
