"""The admin's list of city members, where a moderator deactivates (or reactivates) a member.

Deactivating goes through knowledge.members.membership.deactivate, so the member leaves the city's
group and loses My City, certification and the admin at once; reactivating puts them back in it.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import CityGroup, CityMembership
from . import membership as members


class MembershipEditView(generic.EditView):
    def save_instance(self):
        membership = self.form.instance
        was_active = CityMembership.objects.filter(pk=membership.pk, active=True).exists()
        if was_active and not membership.active:
            members.deactivate(membership, by=self.request.user)
        elif membership.active and not was_active:
            membership.save(update_fields=["active"])
            city_group = CityGroup.objects.filter(city_key=membership.city_key).first()
            if city_group is not None:
                membership.user.groups.add(city_group.group_id)
        return membership


class CityMembershipViewSet(ModelViewSet):
    model = CityMembership
    icon = "group"
    menu_label = _("City members")
    menu_order = 370
    add_to_admin_menu = True
    # Members join through registration; here they are only deactivated or reactivated.
    form_fields = ["active"]
    edit_view_class = MembershipEditView
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_filter = ["active", "is_focal_point"]
    list_display = [
        Column("user", label=_("Member")),
        BooleanColumn("is_focal_point", label=_("focal point")),
        BooleanColumn("active", label=_("active")),
        DateColumn("joined_at", label=_("joined")),
    ]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return CityMembership.objects.select_related("user").order_by("-joined_at")


membership_viewset = CityMembershipViewSet("city_members")
