"""Public URLs of the interaction forms (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "interaction"

urlpatterns = [
    path("pages/<int:page_id>/comments/", views.post_comment, name="comment"),
    path("pages/<int:page_id>/contact/", views.contact_city, name="contact"),
    path("pages/<int:page_id>/replication/", views.replicate, name="replicate"),
    path("comments/<int:comment_id>/report/", views.report_comment, name="report"),
]
