"""The address of the client that sent a request, through the trusted proxies in front.

Behind Varnish or a load balancer, REMOTE_ADDR is the proxy's address. TRUSTED_PROXIES names
the proxies (addresses or networks) and CLIENT_IP_HEADER the header in which they put the
client's address. The header is believed only when the request comes from a trusted proxy, since
anyone else can send any header. Each proxy appends the address it saw (X-Forwarded-For), so the
client is the right-most address that is not a trusted proxy: what stands further left was
written by the client itself. X-Real-IP holds one address and is read the same way.

Every per-address feature reads client_ip(): the request and form rate limits (django-ratelimit's
RATELIMIT_IP_META_KEY names it), sign-in throttling (AXES_CLIENT_IP_CALLABLE) and the logs
(ClientAddressFilter).
"""

import contextvars
import functools
import ipaddress
import logging

from django.conf import settings
from django.core import checks

# The client of the request being handled, for log records that carry no request.
_current = contextvars.ContextVar("client_ip", default="-")


@functools.lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def _parse(value):
    """An address from a header item ("203.0.113.7", "203.0.113.7:443", "[2001:db8::1]:443"),
    or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def header_meta_key(header):
    """request.META's key of an HTTP header name: X-Real-IP -> HTTP_X_REAL_IP."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request):
    """The client's address as a string, kept on the request once worked out."""
    known = getattr(request, "_client_ip", None)
    if known is not None:
        return known
    remote = request.META.get("REMOTE_ADDR") or ""
    address = _parse(remote)
    header = settings.CLIENT_IP_HEADER
    if header and _is_trusted(address):
        items = request.META.get(header_meta_key(header), "").split(",")
        for item in reversed(items):
            hop = _parse(item)
            if hop is None:
                # A broken chain: keep the last address a trusted proxy vouched for.
                break
            address = hop
            if not _is_trusted(hop):
                break
    # Django's test client and Unix sockets may leave REMOTE_ADDR empty.
    found = str(address) if address is not None else (remote or "0.0.0.0")
    request._client_ip = found
    return found


class ClientAddressMiddleware:
    """Makes the client's address available to log records of this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ClientAddressFilter(logging.Filter):
    """Adds `client_ip` to every log record: the address of the client whose request is being
    handled, or "-" outside requests."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if hasattr(request, "META"):
            record.client_ip = client_ip(request)
        else:
            record.client_ip = _current.get()
        return True


@checks.register(checks.Tags.security)
def check_proxy_settings(app_configs, **kwargs):
    messages = []
    if getattr(settings, "DEPRECATED_RATELIMIT_IP_META_KEY", ""):
        messages.append(
            checks.Warning(
                "RATELIMIT_IP_META_KEY is deprecated.",
                hint="Set CLIENT_IP_HEADER (e.g. X-Real-IP) and TRUSTED_PROXIES (the proxies' "
                "addresses) instead; the header is read only from those proxies.",
                id="cms.W001",
            )
        )
    if settings.CLIENT_IP_HEADER and not settings.TRUSTED_PROXIES:
        messages.append(
            checks.Warning(
                "CLIENT_IP_HEADER is set but TRUSTED_PROXIES is empty: the header is ignored.",
                hint="List the proxies' addresses or networks in TRUSTED_PROXIES.",
                id="cms.W002",
            )
        )
    return messages
