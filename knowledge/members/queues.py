"""What the admin's moderation queues (registrations, comments) share: a permission policy in
which one Django permission lets a moderator see the queue and decide, and nobody adds or edits
rows in the admin; and a base for the queues' bulk actions, which refuses (403) anyone who may not
moderate. The queues themselves are snippet viewsets (knowledge.members.registrations,
knowledge.community.queue), registered in knowledge.wagtail_hooks."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.log_actions import LogContext
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

import django_filters

from ..models import CityPage


def status_choices(model, statuses):
    """The statuses with how many rows are in each, for a filter that shows the counts."""
    rows = model.objects.order_by().values("status").annotate(count=Count("pk"))
    counts = {row["status"]: row["count"] for row in rows}
    return [(value, f"{label} ({counts.get(value, 0)})") for value, label in statuses]


def one_row_per_city():
    """The city pages, one per city: its row in the default language, or any row if none."""
    default = CityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return CityPage.objects.filter(
        Q(pk__in=default.values("pk")) | ~Q(translation_key__in=default.values("translation_key"))
    ).order_by("title")


class WaitingFirstIndexView(snippets.IndexView):
    """A queue's list: what waits for a moderator (`waiting_status`) until another status, or
    "All", is chosen."""

    waiting_status = None

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "status" not in self.request.GET:
            data = self.request.GET.copy()
            data["status"] = self.waiting_status
            kwargs["data"] = data
        return kwargs


class QueueFilterSet(WagtailFilterSet):
    """The filters every queue has: status (with how many rows are in each), city, language and
    the date the row came in. A queue gives its model (Meta), its statuses (`statuses`, in the
    order shown), the label of its date (`date_label`) and how a city selects rows
    (`filter_city`, given the city's translation key)."""

    date_label = _("Date")
    status = django_filters.ChoiceFilter(
        label=_("Status"), empty_label=_("All"), widget=forms.RadioSelect
    )
    city = django_filters.ChoiceFilter(label=_("City"), method="filter_city")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    created_at = django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["status"].extra["choices"] = status_choices(self._meta.model, self.statuses())
        self.filters["city"].extra["choices"] = [
            (str(city.translation_key), city.title) for city in one_row_per_city()
        ]
        self.filters["created_at"].label = self.date_label

    def statuses(self):
        raise NotImplementedError

    def filter_city(self, queryset, name, value):
        raise NotImplementedError


class QueuePermissionPolicy(ModelPermissionPolicy):
    """`view` (the queue) and `moderate` (approve, decline, hide…) need the model's `change`
    permission; `delete` needs its `delete` permission if `can_delete`; `add` and `change` (the
    generic create and edit forms) are refused to everyone: a moderator decides, and the
    person's own words are not edited."""

    def __init__(self, model, can_delete=False):
        super().__init__(model)
        self.actions = {"view": "change", "moderate": "change"}
        if can_delete:
            self.actions["delete"] = "delete"

    def _get_permission_codename(self, action):
        return super()._get_permission_codename(self.actions[action])

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


def logged_apart(objects, user):
    """Yield the objects, each acted on in a log context of its own. A history shows one entry
    per (log context, action) across all rows (LogEntryQuerySet.latest_by_uuid_and_action), so
    the entries one bulk request writes would otherwise hide each other."""
    for obj in objects:
        with LogContext(user=user):
            yield obj


class QueueHistoryView(snippets.HistoryView):
    """A row's history, for those who moderate the queue."""

    any_permission_required = ["view", "moderate"]
    header_buttons = []

    def get_edit_url(self, instance):
        # Rows are not edited in the admin (QueuePermissionPolicy).
        return None


class QueueBulkAction(BulkAction):
    """A bulk action on one queue's model (`models = [Model]`); also used for the one-click
    actions on each row, which post to it with one id. Subclasses set `display_name`,
    `action_type`, `aria_label`, `question` (the confirmation) and `execute_action`."""

    template_name = "knowledge/admin/bulk_confirm.html"
    question = ""
    button_text = _("Yes, go ahead")
    no_access_message = _("You may not do this to:")

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(self.model)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "moderate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return True

    def object_context(self, obj):
        return {"item": obj, "url": self.inspect_url(obj)}

    def inspect_url(self, obj):
        return None

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_title": self.display_name,
            "header_icon": self.model.snippet_viewset.icon,
            "question": self.question,
            "button_text": self.button_text,
            "no_access_message": self.no_access_message,
        }

    def get_execution_context(self):
        return {"user": self.request.user, "form": self.cleaned_form}


class ConfirmForm(forms.Form):
    """The confirmation of an action that needs no input."""


class RowActionsColumn(BaseColumn):
    """Buttons that post one row to the queue's bulk actions, so that a moderator decides with
    one click; `get_actions(instance)` gives (action_type, label, is_primary) for the row."""

    cell_template_name = "knowledge/admin/row_actions_cell.html"

    def __init__(self, name, model, get_actions, **kwargs):
        super().__init__(name, **kwargs)
        self.model = model
        self.get_actions = get_actions

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context["request"]
        opts = self.model._meta
        context["actions"] = [
            (
                reverse("wagtail_bulk_action", args=(opts.app_label, opts.model_name, action_type))
                + f"?id={instance.pk}",
                label,
                primary,
            )
            for action_type, label, primary in self.get_actions(instance)
        ]
        context["next"] = request.get_full_path()
        context["csrf_token"] = get_token(request)
        return context
