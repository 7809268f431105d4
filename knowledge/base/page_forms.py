"""The admin's page form of the knowledge base's pages: imported by the page models, so it imports
none of them (the related models come from the form's own model)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale


class TaxonomyPageForm(WagtailAdminPageForm):
    """Page form offering only the SDGs, targets and themes of the page's own language."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or (parent_page.locale_id if parent_page else None)
        if locale_id is None:
            locale_id = Locale.get_default().pk
        self.locale_id = locale_id
        for name in ("sdgs", "targets", "themes"):
            if name in self.fields:
                # The related models, from the page model: the page models name this form as
                # their base_form_class, so this module does not import them.
                model = self._meta.model._meta.get_field(name).related_model
                queryset = model.objects.filter(locale_id=locale_id)
                self.fields[name].queryset = queryset
                # Relations copied from the source language point at its rows: show the same
                # goals, targets and themes as this language's rows.
                if self.instance.pk and name in self.initial:
                    self.initial[name] = _same_keys_in_locale(model, self.initial[name], locale_id)

    # Fields a page may leave empty while it is a draft but not once it is published or submitted.
    required_to_publish = ("summary", "sdgs", "themes")

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" in self.data or "action-submit" in self.data:
            for name in self.required_to_publish:
                if name in self.fields and not cleaned_data.get(name):
                    self.add_error(name, _("This field is required to publish or submit."))
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
