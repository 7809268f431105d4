"""Public URLs of the knowledge base (inside the language prefix): My City and accounts."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .members import account_views
from .members import my_city as views

app_name = "my_city"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", account_views.register, name="register"),
    path("register/done/", account_views.register_done, name="register_done"),
    path("register/resend/", account_views.resend_confirmation, name="resend_confirmation"),
    path("verify/<str:token>/", account_views.verify, name="verify"),
    path("initiatives/new/", views.initiative_add, name="initiative_add"),
    path("initiatives/<int:page_id>/", views.initiative_edit, name="initiative_edit"),
    path("focal-point/", views.handover, name="handover"),
    path("email/", account_views.email_change, name="email_change"),
    path("email/<str:token>/", account_views.email_confirm, name="email_confirm"),
]

# Sign-in, sign-out and password reset, with the platform's templates.
account_urlpatterns = [
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
