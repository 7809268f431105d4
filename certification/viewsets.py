"""Admin screens of certification, grouped under "Certification" in the menu: the translatable
snippets the secretariat keeps (stages with their criteria, certifying bodies, tools) and the
technical reviewers."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.taxonomy.viewsets import UserLanguageIndexView

from .models import (
    CertificationStage,
    CertifyingBody,
    ConflictOfInterest,
    TechnicalReviewer,
)


class StageViewSet(SnippetViewSet):
    model = CertificationStage
    index_view_class = UserLanguageIndexView
    icon = "list-ol"
    menu_label = _("Stages and criteria")
    list_display = ["order", "name", "label", "locale"]
    ordering = ["order"]


class BodyViewSet(SnippetViewSet):
    model = CertifyingBody
    index_view_class = UserLanguageIndexView
    icon = "group"
    menu_label = _("Certifying bodies")
    list_display = ["name", "kind", "country", "locale"]


class ReviewerForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages of the applications this reviewer can review."),
    )

    class Meta:
        model = TechnicalReviewer
        fields = ["user", "languages", "active"]


class ReviewerViewSet(ModelViewSet):
    model = TechnicalReviewer
    form_fields = ["user", "languages", "active"]
    icon = "user"
    menu_label = _("Technical reviewers")
    list_display = ["__str__", "languages", "active"]

    def get_form_class(self, for_update=False):
        return ReviewerForm


class ConflictViewSet(ModelViewSet):
    """The conflict-of-interest register, kept by the secretariat."""

    model = ConflictOfInterest
    form_fields = ["person", "city", "country", "organisation", "starts_on", "ends_on", "notes"]
    icon = "warning"
    menu_label = _("Conflicts of interest")
    list_display = ["person", "city", "country", "organisation", "starts_on", "ends_on"]
    list_filter = ["country"]
    search_fields = ["organisation", "notes", "person__email", "person__last_name"]


class CertificationViewSetGroup(SnippetViewSetGroup):
    items = (StageViewSet, BodyViewSet, ReviewerViewSet, ConflictViewSet)
    menu_icon = "success"
    menu_label = _("Certification")
    menu_name = "certification"
