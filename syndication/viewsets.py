"""Admin screens under Settings: the partners' webhook endpoints, and the read-only log of
deliveries with its "Retry now" action."""

import json

from django import forms
from django.contrib.admin.utils import quote
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from .delivery import reset_for_retry
from .models import Event, WebhookDelivery, WebhookEndpoint, all_events
from .tasks import deliver_webhook


def local_datetime(value, format_name="SHORT_DATETIME_FORMAT"):
    """A date and time in the admin's language and time zone, "" for none."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), format_name)


class DateTimeColumn(Column):
    """A date and time as written in the user's language (future times included)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return local_datetime(super().get_value(instance))


class EndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        initial=all_events,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The notices this partner receives."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "active"]


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhooks"
    icon = "link-external"
    menu_label = _("Webhooks")
    menu_order = 900
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["name", "url", "secret", "events", "active"]
    list_display = [
        "name",
        "url",
        Column("events", label=_("Events"), accessor=lambda endpoint: endpoint.event_labels),
        "active",
        DateTimeColumn(
            "created_at", label=capfirst(WebhookEndpoint._meta.get_field("created_at").verbose_name)
        ),
    ]

    def get_form_class(self, for_update=False):
        return EndpointForm


def retry_url(delivery):
    return reverse("webhook_deliveries:retry", args=[quote(delivery.pk)])


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.can_retry and self.user_has_permission("retry"):
            buttons.append(
                MenuItem(_("Retry now"), url=retry_url(instance), icon_name="rotate", priority=40)
            )
        return buttons


class DeliveryInspectView(InspectView):
    """Dates and times in the user's language and time zone."""

    def get_object(self, queryset=None):
        return get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=self.pk)

    def get_payload_display_value(self):
        text = json.dumps(self.object.payload, indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", text)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(field, models.DateTimeField) and value is not None:
            value = local_datetime(value, "DATETIME_FORMAT")
        return "-" if value in (None, "") else value

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.can_retry and self.user_has_permission("retry"):
            buttons.append(Button(_("Retry now"), url=retry_url(self.object), icon_name="rotate"))
        return buttons


class RetryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation; POST puts the delivery back in the queue and sends it."""

    model = WebhookDelivery
    permission_required = "retry"
    template_name = "syndication/retry.html"
    page_title = _("Retry now")
    header_icon = "rotate"
    inspect_url_name = None
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            WebhookDelivery.objects.select_related("endpoint"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Webhook deliveries")},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            delivery=self.object, inspect_url=self.inspect_url, **kwargs
        )

    def refuse(self):
        context = self.get_context_data(
            refused=_(
                "Only failed deliveries, or deliveries waiting to be retried, can be retried."
            )
        )
        return self.render_to_response(context, status=409)

    def get(self, request, *args, **kwargs):
        if not self.object.can_retry:
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not reset_for_retry(self.object):
            return self.refuse()

        transaction.on_commit(lambda: deliver_webhook.enqueue(self.object.pk))
        messages.success(request, _("The delivery was sent again."))
        return redirect(self.inspect_url)


class DeliveryViewSet(ModelViewSet):
    """Read only: deliveries are made by the platform."""

    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "webhook-deliveries"
    icon = "history"
    menu_label = _("Webhook deliveries")
    menu_order = 901
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_fields = [
        "uuid",
        "endpoint",
        "event",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "last_status_code",
        "last_error",
        "payload",
    ]
    list_filter = ["status", "endpoint", "event"]
    list_display = [
        DateTimeColumn(
            "created_at", label=capfirst(WebhookDelivery._meta.get_field("created_at").verbose_name)
        ),
        "event",
        Column("page_title", label=_("Page")),
        "endpoint",
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda delivery: delivery.status == WebhookDelivery.Status.FAILED,
        ),
        "attempts",
        "last_status_code",
        DateTimeColumn("next_attempt_at", label=_("Next attempt"), sort_key="next_attempt_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # The views that would change a delivery are never routed (see get_urlpatterns).
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def retry_view(self):
        return RetryView.as_view(
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            path(f"retry/<{conv}:pk>/", self.retry_view, name="retry"),
        ]
