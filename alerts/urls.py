"""Account → Saved searches (inside the language prefix, at /<lang>/accounts/saved-searches/)."""

from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.saved_searches, name="list"),
    path("new/", views.save, name="save"),
    path("<int:pk>/rename/", views.rename, name="rename"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/e-mail/", views.set_alerts, name="set_alerts"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
