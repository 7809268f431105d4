"""Admin forms of the knowledge base."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale


class TaxonomyPageForm(WagtailAdminPageForm):
    """Page form offering only the SDGs, targets and themes of the page's own language."""

    def __init__(self, *args, parent_page=None, **kwargs):
        # Imported here: the page models name this form as their base_form_class.
        from .models import SDGTarget, SustainableDevelopmentGoal, Theme

        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or (parent_page.locale_id if parent_page else None)
        if locale_id is None:
            locale_id = Locale.get_default().pk
        for name, model in (
            ("sdgs", SustainableDevelopmentGoal),
            ("targets", SDGTarget),
            ("themes", Theme),
        ):
            if name in self.fields:
                queryset = model.objects.filter(locale_id=locale_id)
                self.fields[name].queryset = queryset
                # Relations copied from the source language point at its rows: show the same
                # goals, targets and themes as this language's rows.
                if self.instance.pk and name in self.initial:
                    self.initial[name] = _same_keys_in_locale(model, self.initial[name], locale_id)

    def clean(self):
        cleaned_data = super().clean()
        goals = {goal.number for goal in cleaned_data.get("sdgs") or []}
        stray = [t.code for t in cleaned_data.get("targets") or [] if t.goal_number not in goals]
        if stray:
            self.add_error(
                "targets",
                _("These targets belong to goals that are not selected: %(targets)s")
                % {"targets": ", ".join(stray)},
            )
        return cleaned_data


def _same_keys_in_locale(model, selected, locale_id):
    key = "number" if model._meta.model_name == "sustainabledevelopmentgoal" else "code"
    values = [getattr(item, key) for item in selected] if selected else []
    return list(model.objects.filter(locale_id=locale_id, **{f"{key}__in": values}))
