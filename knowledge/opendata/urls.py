"""Routes of the open-data downloads; the project mounts them at /opendata/, outside the
language prefixes, since the files hold every language."""

from django.urls import path

from . import views as opendata_views

urlpatterns = [
    path("", opendata_views.index, name="opendata"),
    path("initiatives.json", opendata_views.download, {"kind": "json"}, name="opendata_json"),
    path("initiatives.csv", opendata_views.download, {"kind": "csv"}, name="opendata_csv"),
]
