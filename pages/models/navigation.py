"""The main menu and the footer: translatable snippets editors change in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField


class NavigationMenu(
    WorkflowMixin, DraftStateMixin, RevisionMixin, TranslatableMixin, ClusterableModel
):
    """A list of links in one place of the layout, in one language.

    Translated: the text and the links' labels. Synchronised: the place, the links' targets.
    Drafts, revisions and workflows as for the taxonomies (knowledge.models.taxonomy): only a live
    menu is shown.
    """

    class Slot(models.TextChoices):
        MAIN = "main", _("Main menu")
        FOOTER = "footer", _("Footer")

    slot = models.CharField(_("place"), max_length=20, choices=Slot.choices)
    text = models.TextField(
        _("text"), blank=True, help_text=_("Shown above the links (used by the footer).")
    )

    panels = [
        FieldPanel("slot"),
        FieldPanel("text"),
        InlinePanel("items", label=_("Links")),
    ]

    override_translatable_fields = [SynchronizedField("slot", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")
        constraints = [
            models.UniqueConstraint(fields=["slot", "locale"], name="unique_menu_slot_per_locale")
        ]

    def __str__(self):
        # The slot only: lists show the language in their own column, translated (the locale's
        # name here would be the settings' English name).
        return str(self.get_slot_display())


class NavigationItem(TranslatableMixin, Orderable):
    """A link to a page of the site (in the visitor's language) or to another address."""

    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Leave empty to use the page title.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("other address"), blank=True)

    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
    ]

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose a page or enter another address, not both."))
