"""The partners' area, inside the language prefix (/<lang>/partners-area/exchanges/)."""

from django.urls import path

from . import partner_area

app_name = "partners_area"

urlpatterns = [
    path("", partner_area.index, name="index"),
    path("follow/", partner_area.follow_city, name="follow"),
    path("<int:exchange_id>/", partner_area.detail, name="detail"),
    path("<int:exchange_id>/message/", partner_area.post_message, name="message"),
    path("<int:exchange_id>/move/", partner_area.move, name="move"),
]
