from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button


@hooks.register("register_admin_urls")
def register_headless_preview_url():
    from .preview import admin_preview

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
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Names the page in the response's cache tags (cms.caching).
    request.cache_page = page
