"""Joining and accounts on the public site: registration and its e-mail confirmation, password
reset and e-mail change.

Every form here that sends e-mail to the address typed in is limited per client address and
per recipient (spam.mail_flood): past the limit the form comes back as filled in, with 429 and a
message. A form with errors comes back with 400.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from ..base.spam import mail_flood
from ..conf import app_settings
from ..models import CityPage, Registration
from . import membership as members
from .account_forms import (
    EmailChangeForm,
    LoginForm,
    PasswordResetForm,
    RegistrationForm,
    ResendConfirmationForm,
)

EMAIL_CHANGE_SALT = "knowledge.email-change"


def _flood_message():
    return _(
        "Many e-mails were asked for from your address, or for this e-mail address, in a short "
        "time. Please try again later."
    )


def _form_page(request, template, form, status=None, **context):
    """The page of a form; 400 when it was sent with errors, or `status`."""
    if status is None:
        status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, "page": None, **context}, status=status)


def _refused(request, template, form, **context):
    form.add_error(None, _flood_message())
    return _form_page(request, template, form, status=429, **context)


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        if mail_flood(self.request, "password_reset", form.cleaned_data["email"]):
            form.add_error(None, _flood_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("my_city:dashboard")
    locale = Locale.get_active()
    cities = CityPage.objects.live().filter(locale=locale).order_by("title")
    template = "knowledge/my_city/register.html"
    form = RegistrationForm(request.POST or None, cities=cities, request=request)
    notice = {
        "privacy_notice_url": app_settings.PRIVACY_NOTICE_URL,
        "privacy_notice_version": app_settings.PRIVACY_NOTICE_VERSION,
    }
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, template, form, **notice)
    data = form.cleaned_data
    if mail_flood(request, "registration", data["email"]):
        return _refused(request, template, form, **notice)
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=data["email"],
            email=data["email"],
            password=data["password"],
            is_active=False,
            first_name=data["name"][:150],
        )
        registration = Registration.objects.create(
            user=user,
            name=data["name"],
            email=data["email"],
            city=data["city_page"],
            requested_city=data["requested_city"],
            requested_country=data.get("requested_country") or "",
            requested_region=data.get("requested_region") or "",
            position=data["position"],
            organisation=data["organisation"],
            motivation=data["motivation"],
            language=locale.language_code,
            privacy_notice_version=app_settings.PRIVACY_NOTICE_VERSION,
            consented_at=timezone.now(),
        )
        members.send_verification(registration)
    return redirect("my_city:register_done")


def register_done(request):
    return render(request, "knowledge/my_city/register_done.html", {"page": None})


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    """Send the confirmation link again. The answer is the same whether or not the address
    waits for confirmation, so that it tells nobody who registered."""
    template = "knowledge/my_city/resend_confirmation.html"
    form = ResendConfirmationForm(request.POST or None, request=request)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, template, form)
    email = form.cleaned_data["email"]
    if mail_flood(request, "confirmation_resend", email):
        return _refused(request, template, form)
    registration = (
        Registration.objects.filter(email__iexact=email, status=Registration.Status.UNVERIFIED)
        .order_by("-pk")
        .first()
    )
    if registration is not None:
        members.send_verification(registration)
    return redirect("my_city:register_done")


def verify(request, token):
    registration = members.registration_from_token(token)
    if registration is None:
        return render(request, "knowledge/my_city/verify_failed.html", status=400)
    members.verify(registration)
    return render(
        request, "knowledge/my_city/verified.html", {"registration": registration, "page": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    template = "knowledge/my_city/email_change.html"
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return _form_page(request, template, form)
    email = form.cleaned_data["email"]
    if mail_flood(request, "email_change", email):
        return _refused(request, template, form)
    token = signing.dumps({"u": request.user.pk, "e": email}, salt=EMAIL_CHANGE_SALT)
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "my_city:email_confirm", args=[token]
    )
    members._send(
        [email],
        _("Confirm your new e-mail address"),
        "knowledge/emails/email_change.txt",
        {"user": request.user, "url": url},
        Locale.get_active().language_code,
    )
    messages.success(
        request, _("We sent a link to the new address. Follow it to confirm the change.")
    )
    return redirect("my_city:dashboard")


def email_confirm(request, token):
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=3 * 24 * 3600)
    except signing.BadSignature:
        return render(request, "knowledge/my_city/verify_failed.html", status=400)
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    taken = get_user_model().objects.filter(email__iexact=data.get("e")).exclude(pk=data.get("u"))
    if user is None or taken.exists():
        return render(request, "knowledge/my_city/verify_failed.html", status=400)
    old_address = user.email
    user.email = data["e"]
    user.username = data["e"]
    user.save(update_fields=["email", "username"])
    if old_address and old_address.lower() != user.email.lower():
        # The old address hears of it, in case someone else made the change.
        members._send(
            [old_address],
            _("Your e-mail address was changed"),
            "knowledge/emails/email_changed_notice.txt",
            {"user": user, "new_address": user.email},
            Locale.get_active().language_code,
        )
    messages.success(request, _("Your e-mail address was changed."))
    return redirect("my_city:dashboard")
