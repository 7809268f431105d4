"""Awards URLs, inside the language prefix (/<lang>/awards/…)."""

from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/<int:year>/", views.cycle_page, name="cycle"),
    path("<slug:code>/<int:year>/nominate/", views.nominate, name="nominate"),
]
