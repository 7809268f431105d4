"""Setting up a second factor, entering a code at sign-in, and new recovery codes."""

import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import SetupForm, VerifyForm

RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def _next(request, default="/admin/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    return target


def _page(request, template, status=None, **context):
    form = context.get("form")
    if status is None:
        status = 400 if form is not None and form.is_bound and form.errors else 200
    context.setdefault("next", _next(request))
    return render(request, template, {"page": None, **context}, status=status)


def _new_recovery_codes(user):
    """Ten fresh recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """A new TOTP secret as a QR code; the first code from the app confirms it."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not user.is_verified():
        query = urlencode({"next": _next(request)})
        return redirect(f"{reverse('two_factor_verify')}?{query}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = SetupForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_recovery_codes(user)
        otp_login(request, device)
        return _page(request, "two_factor/recovery_codes.html", codes=codes, next=_next(request))
    qr = segno.make(device.config_url, error="m")
    return _page(
        request,
        "two_factor/setup.html",
        form=form,
        qr_code=qr.svg_data_uri(scale=5, border=2),
        secret=_grouped(device.config_url),
        issuer=settings.WAGTAIL_SITE_NAME,
    )


def _grouped(config_url):
    """The base32 secret of the QR code, in groups of four for typing."""
    secret = parse_qs(urlsplit(config_url).query)["secret"][0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of signing in: a code from the app or a recovery code."""
    if request.user.is_verified():
        return redirect(_next(request))
    form = VerifyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_next(request))
    return _page(request, "two_factor/verify.html", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes, for a session that entered its second factor."""
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    if request.method == "POST":
        return _page(
            request, "two_factor/recovery_codes.html", codes=_new_recovery_codes(request.user)
        )
    return _page(request, "two_factor/recovery_codes_new.html")
