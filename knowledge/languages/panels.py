"""The translation desk's panel on the admin dashboard (knowledge.translation_desk)."""

from wagtail.admin.ui.components import Component

from .desk import SECTIONS, desk_counts


class TranslationDeskPanel(Component):
    name = "translation_desk"
    order = 90
    template_name = "knowledge/admin/panels/translation_desk.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        rows = [
            (code, name, [(key, counts[key]) for key in SECTIONS])
            for code, name, counts in desk_counts(self.user)
        ]
        return {"rows": rows, "sections": [(key, label) for key, label in SECTIONS.items()]}
