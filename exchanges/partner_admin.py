"""Partner accounts in the admin: which user acts for which partner organisation. Managed by
holders of the partner account model permissions (administrators)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PartnerAccount
from .partners import partner_pages


class PartnerAccountForm(WagtailAdminModelForm):
    partner_key = forms.TypedChoiceField(
        label=_("Partner"),
        coerce=uuid.UUID,
        help_text=_("The partner organisation this person acts for, in the partners’ area."),
    )

    class Meta:
        model = PartnerAccount
        fields = ["user", "partner_key", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One choice per partner, whatever the number of its translations.
        choices = {}
        for page in partner_pages().order_by("pk"):
            choices.setdefault(str(page.translation_key), page.title)
        self.fields["partner_key"].choices = [("", "—")] + sorted(
            choices.items(), key=lambda item: item[1]
        )


class PartnerAccountViewSet(ModelViewSet):
    model = PartnerAccount
    form_fields = ["user", "partner_key", "active"]
    icon = "group"
    menu_label = _("Partner accounts")
    add_to_admin_menu = True
    menu_order = 390
    list_display = ["__str__", "active", "created_at"]
    search_fields = ["user__email", "user__username", "user__last_name"]

    def get_form_class(self, for_update=False):
        return PartnerAccountForm
