"""Exchanges and notification settings, inside the language prefix (/<lang>/exchanges/)."""

from django.urls import path

from . import city_partner_views, views

app_name = "exchanges"

urlpatterns = [
    path("new/", views.open_exchange, name="open"),
    path("notifications/", views.notification_settings, name="notifications"),
    path("<int:exchange_id>/", views.detail, name="detail"),
    path("<int:exchange_id>/message/", views.post_message, name="message"),
    path("<int:exchange_id>/move/", views.move, name="move"),
    path("<int:exchange_id>/share/", views.share, name="share"),
    path(
        "partners/<int:partner_id>/new/", city_partner_views.open_with_partner, name="open_partner"
    ),
    path("partners/consent/<int:link_id>/", city_partner_views.consent, name="consent"),
]
