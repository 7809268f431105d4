"""The few initiatives each initiative page shows as related, kept ready
(knowledge.initiatives.related).

Choosing them reads every initiative of the language that shares a goal or theme: its cost grows
with the corpus. It is done when an initiative changes, in the job queue, not when a page is
read; the page reads one row and loads at most `RELATED_LIMIT` pages by id.
"""

from django.db import models

RELATED_LIMIT = 3


class RelatedInitiatives(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # The best live, public initiatives of the same language sharing goals or themes, best
    # first, as [page id, goals and themes shared, title] (the title breaks ties, as shown):
    # all of them when fewer than RELATED_LIMIT exist.
    entries = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["locale"], name="related_initiatives_locale")]

    def __str__(self):
        return f"related initiatives of page {self.page_id}"
