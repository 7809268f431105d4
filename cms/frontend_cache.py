"""Varnish in front of the app: responses carry `X-Cache-Tags` (knowledge.base.cache_tags) and a BAN
request with the tags to drop makes Varnish forget every object tagged with any of them
(deploy/varnish/default.vcl). The same settings serve the app processes and the workers, which
both send bans (`VARNISH_URLS`, `VARNISH_TIMEOUT`).

Bans by tag cover a page's own addresses as well as every listing and API response that shows
it, under any host name, so pages are not also purged by URL.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings

from knowledge.base.cache_tags import TAG

logger = logging.getLogger(__name__)


class BanRequest(Request):
    def get_method(self):
        return "BAN"


def ban_expression(tags):
    """The regular expression Varnish matches against the comma-separated tags of objects."""
    tags = sorted(set(tags))
    if not tags or not all(TAG.match(tag) for tag in tags):
        raise ValueError(f"Cache tags must be lowercase words: {tags!r}")
    return "(^|,)(" + "|".join(tags) + ")(,|$)"


def ban(tags, urls=None):
    """Ban `tags` on every Varnish of `urls` (VARNISH_URLS); True when every one accepted it."""
    expression = ban_expression(tags)
    accepted = True
    for url in settings.VARNISH_URLS if urls is None else urls:
        parts = urlsplit(url)
        request = BanRequest(
            urlunsplit([parts.scheme, parts.netloc, "/", "", ""]),
            headers={"X-Cache-Ban": expression},
        )
        try:
            with urlopen(request, timeout=settings.VARNISH_TIMEOUT):  # noqa: S310 - from settings
                pass
        except HTTPError as error:
            logger.error("Couldn't ban tags %s on %s: HTTP %d", tags, url, error.code)
            accepted = False
        except (URLError, OSError) as error:
            logger.error("Couldn't ban tags %s on %s: %s", tags, url, error)
            accepted = False
    return accepted
