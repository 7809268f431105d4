"""A member's saved search of the initiatives database."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How many searches one member may keep.
MAX_SAVED_SEARCHES = 20


class SavedSearch(models.Model):
    """The filters and keywords of the initiatives database that a member saved under a name.

    `parameters` holds the listing's parameters as knowledge.query.parameters reads them, validated
    and written canonically by alerts.searches.normalise ({"sdg": "6,11", "q": "water"}); `language`
    is the language of the listing it was saved from: its initiatives and its e-mails are in it.
    Initiatives first published after `checked_until` are new: the weekly e-mail lists them and
    moves `checked_until` on.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    alerts_enabled = models.BooleanField(_("weekly e-mail"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    checked_until = models.DateTimeField(_("new matches checked until"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("last e-mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["alerts_enabled", "checked_until"], name="alerts_due_idx"),
        ]

    def __str__(self):
        return self.name

    def query(self):
        """The parameters as a QueryDict, as the listing reads them."""
        query = QueryDict(mutable=True)
        for name, value in self.parameters.items():
            query[name] = value
        return query

    def query_string(self):
        return urlencode(sorted(self.parameters.items()))
