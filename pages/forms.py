"""Admin forms of the editorial pages."""

import zoneinfo

from django.utils import timezone

from knowledge.base.page_forms import TaxonomyPageForm


class ScheduledPageForm(TaxonomyPageForm):
    """Start and end are typed in the page's own time zone and stored in UTC.

    An event at 10:00 in Seoul is entered as 10:00 with the time zone Asia/Seoul, whatever the
    editor's own time zone, and kept as 01:00 UTC.
    """

    local_fields = ("start", "end")
    required_to_publish = ()
    # Pages chosen from the page's own language; relations copied from the source language point
    # at the source's pages, shown as their translations here.
    same_language_pages = ("organisers", "case_studies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.same_language_pages:
            if name not in self.fields:
                continue
            model = self.fields[name].queryset.model
            pages = model.objects.filter(locale_id=self.locale_id).order_by("title")
            self.fields[name].queryset = pages
            if self.instance.pk and self.initial.get(name):
                keys = [page.translation_key for page in self.initial[name]]
                self.initial[name] = list(pages.filter(translation_key__in=keys))
        zone = self._zone(self.instance.time_zone)
        for name in self.local_fields:
            value = self.initial.get(name)
            if name in self.fields and value:
                # Shown as the wall-clock time of the page's zone, without an offset.
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    @staticmethod
    def _zone(name):
        try:
            return zoneinfo.ZoneInfo(name or "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def clean(self):
        cleaned_data = super().clean()
        zone = self._zone(cleaned_data.get("time_zone"))
        for name in self.local_fields:
            value = cleaned_data.get(name)
            if value is not None:
                # The form read the value in the editor's zone; read it in the page's instead.
                wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
                cleaned_data[name] = timezone.make_aware(wall_clock, zone)
        return cleaned_data
