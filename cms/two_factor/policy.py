"""Who needs a second factor, and the middleware that holds them at its pages until verified."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from certification import setup as certification_setup
from knowledge import roles as knowledge_roles

from .. import roles

# Paths a person who still owes a second factor may reach, besides the second-factor pages.
OPEN_PREFIXES = ("/static/", "/media/", "/healthz/", "/api/", "/admin/logout/", "/admin/jsi18n/")
OPEN_NAMES = ("logout", "two_factor_setup", "two_factor_verify", "two_factor_recovery_codes")


STAFF_ROLES = [
    knowledge_roles.MODERATORS,
    knowledge_roles.TRANSLATORS,
    knowledge_roles.TRANSLATION_REVIEWERS,
    roles.EDITORS,
    certification_setup.SECRETARIAT,
    certification_setup.COMMITTEE,
    certification_setup.REVIEWERS,
]


def is_staff_role(user):
    """Administrators, moderators, editors, translators and the certification roles."""
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(role__role__in=STAFF_ROLES).exists()


DEVICE_CACHE_KEY = "two-factor:has-device:{}"


def has_device(user):
    """Whether the person set up a second factor, kept in the cache (forgotten whenever one of
    their devices is saved or deleted) so that signed-in pages cost no query for it."""
    key = DEVICE_CACHE_KEY.format(user.pk)
    found = cache.get(key)
    if found is None:
        found = user_has_device(user, confirmed=True)
        cache.set(key, found, 3600)
    return found


def _forget_device(sender, instance, **kwargs):
    cache.delete(DEVICE_CACHE_KEY.format(instance.user_id))


for _model in (TOTPDevice, StaticDevice):
    post_save.connect(
        _forget_device, sender=_model, dispatch_uid=f"forget_device_{_model.__name__}"
    )
    post_delete.connect(
        _forget_device, sender=_model, dispatch_uid=f"forget_device_{_model.__name__}"
    )


def required_for(user):
    """Must this signed-in person enter a second factor?"""
    if has_device(user):
        return True
    return settings.STAFF_REQUIRE_2FA and is_staff_role(user)


def _open_path(request):
    path = request.path_info
    if path.startswith(OPEN_PREFIXES):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in OPEN_NAMES


class SecondFactorMiddleware:
    """Sends a signed-in person who owes a second factor to set one up or to enter a code.

    After django_otp's OTPMiddleware, which tells whether this session entered one. The check
    runs in process_view, once the address is resolved, so that its own pages are recognised.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if _open_path(request) or not required_for(user):
            return None
        name = "two_factor_verify" if has_device(user) else "two_factor_setup"
        language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            target = reverse(name)
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
