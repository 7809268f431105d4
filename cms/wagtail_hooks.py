from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from knowledge.base import cache_tags

from .dashboard import WaitingPanel, rows_for
from .preview import admin_preview


@hooks.register("register_admin_urls")
def register_headless_preview_url():
    return [path("headless-preview/<int:page_id>/", admin_preview, name="headless_preview")]


@hooks.register("register_page_header_buttons")
def headless_preview_button(page, user, view_name, next_url=None):
    if page.latest_revision_id and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Headless preview"),
            reverse("headless_preview", args=[page.pk]),
            icon_name="view",
            priority=80,
        )


@hooks.register("before_serve_page")
def tag_served_page(page, request, serve_args, serve_kwargs):
    # What the response shows, for the caches (cms.caching).
    cache_tags.add(*cache_tags.page_tags(page))


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panels.insert(0, WaitingPanel(rows_for(request)))
