"""The registrations queue in the Wagtail admin, a snippet viewset: requests to join filtered by
status (waiting ones first), city, language and date, searched by name, e-mail address and
organisation; a page per request where a moderator approves it (into the city it names, or a
new one) or declines it with a reason; bulk approve and decline; and each request's history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import CityIndexPage, Registration
from . import membership as members
from .forms import ApproveRegistrationForm, ReasonForm
from .queues import (
    QueueBulkAction,
    QueueFilterSet,
    QueueHistoryView,
    QueuePermissionPolicy,
    WaitingFirstIndexView,
    logged_apart,
)

Status = Registration.Status
policy = QueuePermissionPolicy(Registration)


class RegistrationFilterSet(QueueFilterSet):
    date_label = gettext_lazy("Requested")

    class Meta:
        model = Registration
        fields = []

    def statuses(self):
        return Status.choices

    def filter_city(self, queryset, name, value):
        return queryset.filter(city__translation_key=value)


class RegistrationIndexView(WaitingFirstIndexView):
    """Requests waiting for a moderator until another status (or "All") is chosen."""

    waiting_status = Status.PENDING

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("city")


class RegistrationInspectView(snippets.InspectView):
    """The request in full and, while it waits, the forms to approve or decline it."""

    fields = [
        "status",
        "email",
        "position",
        "organisation",
        "motivation",
        "language",
        "created_at",
        "decided_at",
        "decided_by",
        "decline_reason",
    ]

    def get_object(self, queryset=None):
        registrations = Registration.objects.select_related("city", "user", "decided_by")
        return get_object_or_404(registrations, pk=self.pk)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.approve_form = ApproveRegistrationForm(registration=self.object, prefix="approve")
        self.decline_form = ReasonForm(prefix="decline")

    def get_city_display_value(self):
        registration = self.object
        if registration.requested_country:
            return f"{registration.city_label} ({registration.requested_country.name})"
        return registration.city_label

    def get_fields(self):
        return ["city", *super().get_fields()]

    def get_field_label(self, field_name, field):
        if field_name == "city":
            return _("City")
        return super().get_field_label(field_name, field)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "is_pending": self.object.status == Status.PENDING,
            "approve_form": self.approve_form,
            "decline_form": self.decline_form,
        }

    def post(self, request, *args, **kwargs):
        registration = self.object
        if not policy.user_has_permission(request.user, "moderate"):
            raise PermissionDenied
        if registration.status != Status.PENDING:
            messages.error(request, _("This registration was already decided."))
            return redirect(request.path)
        if "approve" in request.POST:
            self.approve_form = ApproveRegistrationForm(
                request.POST, registration=registration, prefix="approve"
            )
            if self.approve_form.is_valid():
                with transaction.atomic():
                    city = self.approve_form.cleaned_data["city"]
                    if city is None:
                        index_page = CityIndexPage.objects.get(
                            locale__language_code=registration.language
                        )
                        city = members.create_requested_city(
                            registration, index_page, self.approve_form.cleaned_data["region"]
                        )
                    members.approve(registration, request.user, city)
                messages.success(request, _("The registration was approved."))
                return redirect("knowledge_registrations:list")
        elif "decline" in request.POST:
            self.decline_form = ReasonForm(request.POST, prefix="decline")
            if self.decline_form.is_valid():
                members.decline(
                    registration, request.user, self.decline_form.cleaned_data["reason"]
                )
                messages.success(request, _("The registration was declined."))
                return redirect("knowledge_registrations:list")
        return self.render_to_response(self.get_context_data(), status=400)


def city_column_value(registration):
    if registration.city_id:
        return registration.city.title
    return _("%(city)s (new)") % {"city": registration.requested_city}


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "user"
    menu_label = gettext_lazy("Registrations")
    menu_order = 350
    add_to_admin_menu = True
    url_prefix = "registrations"
    url_namespace = "knowledge_registrations"
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    history_view_class = QueueHistoryView
    inspect_template_name = "knowledge/admin/registration_inspect.html"
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation", "requested_city"]
    ordering = ["-created_at"]
    list_per_page = 50

    @property
    def list_display(self):
        return [
            "name",
            Column("email", label=gettext_lazy("E-mail address")),
            Column("city", label=gettext_lazy("City"), accessor=city_column_value),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
            Column("language", label=gettext_lazy("Language"), accessor="get_language_display"),
            DateColumn("created_at", label=gettext_lazy("Requested"), sort_key="created_at"),
        ]

    def get_urlpatterns(self):
        # The address in the e-mails sent to moderators before the queue was a viewset.
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", self.redirect_to_inspect, name="old_inspect"),
        ]

    def redirect_to_inspect(self, request, pk):
        return redirect(self.get_url_name("inspect"), pk, permanent=True)


# Bulk actions


class ApproveRegistrationsBulkAction(QueueBulkAction):
    models = [Registration]
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected registrations")
    question = gettext_lazy(
        "Approve these registrations? Each person joins the city they named and is told by e-mail."
    )
    no_access_message = gettext_lazy(
        "These are not waiting for a moderator or name a city not yet on the platform: "
        "open them one by one."
    )
    form_class = forms.Form

    def check_perm(self, registration):
        return registration.status == Status.PENDING and registration.city_id is not None

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Registration.objects.filter(pk__in=object_ids).select_related("city", "user"))

    def inspect_url(self, registration):
        return reverse("knowledge_registrations:inspect", args=[registration.pk])

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for registration in logged_apart(objects, user):
            members.approve(registration, user, registration.city)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d registration was approved.",
            "%(count)d registrations were approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeclineRegistrationsBulkAction(QueueBulkAction):
    models = [Registration]
    display_name = gettext_lazy("Decline")
    action_type = "decline"
    aria_label = gettext_lazy("Decline the selected registrations")
    question = gettext_lazy(
        "Decline these registrations? Each person receives the reason below by e-mail."
    )
    no_access_message = gettext_lazy("These are not waiting for a moderator:")
    button_text = gettext_lazy("Decline")
    form_class = ReasonForm
    classes = {"serious"}

    def check_perm(self, registration):
        return registration.status == Status.PENDING

    def inspect_url(self, registration):
        return reverse("knowledge_registrations:inspect", args=[registration.pk])

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        for registration in logged_apart(objects, user):
            members.decline(registration, user, form.cleaned_data["reason"])
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d registration was declined.",
            "%(count)d registrations were declined.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
