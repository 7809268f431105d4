"""Admin screens under Settings: the read-only mail queue with its "Retry now" action.

Bodies are never shown: they hold password-reset, confirmation and sign-in links.
"""

from django.contrib.admin.utils import quote
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from .delivery import reset_for_retry
from .models import QueuedEmail
from .tasks import deliver_email


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


def retry_url(queued):
    return reverse("mail_queue:retry", args=[quote(queued.pk)])


class QueueIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().defer("message")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.can_retry and self.user_has_permission("retry"):
            buttons.append(
                MenuItem(_("Retry now"), url=retry_url(instance), icon_name="rotate", priority=40)
            )
        return buttons


class QueueInspectView(InspectView):
    """Dates and times in the user's language and time zone."""

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
    """GET asks for confirmation; POST puts the message back in the queue and sends it."""

    model = QueuedEmail
    permission_required = "retry"
    template_name = "mailqueue/retry.html"
    page_title = _("Retry now")
    header_icon = "rotate"
    inspect_url_name = None
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(QueuedEmail.objects.defer("message"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Mail queue")},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        return super().get_context_data(queued=self.object, inspect_url=self.inspect_url, **kwargs)

    def refuse(self):
        context = self.get_context_data(
            refused=_("Only failed e-mails, or e-mails waiting to be retried, can be retried.")
        )
        return self.render_to_response(context, status=409)

    def get(self, request, *args, **kwargs):
        if not self.object.can_retry:
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not reset_for_retry(self.object):
            return self.refuse()

        transaction.on_commit(lambda: deliver_email.enqueue(self.object.pk))
        messages.success(request, _("The e-mail was queued to be sent again."))
        return redirect(self.inspect_url)


class MailQueueViewSet(ModelViewSet):
    """Read only: messages are written by the platform."""

    model = QueuedEmail
    name = "mail_queue"
    url_prefix = "mail-queue"
    icon = "mail"
    menu_label = _("Mail queue")
    menu_order = 902
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = QueueIndexView
    inspect_view_class = QueueInspectView
    inspect_view_fields = [
        "uuid",
        "subject",
        "recipients",
        "from_email",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["subject", "recipients"]
    list_display = [
        DateTimeColumn("created_at", label=QueuedEmail._meta.get_field("created_at").verbose_name),
        Column("subject", label=_("Subject")),
        Column("recipients", label=_("Recipients")),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda queued: queued.status == QueuedEmail.Status.FAILED,
        ),
        "attempts",
        DateTimeColumn("next_attempt_at", label=_("Next attempt"), sort_key="next_attempt_at"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # The views that would change a message are never routed (see get_urlpatterns).
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
