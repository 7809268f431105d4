"""Varnish as Wagtail's front-end cache: purge by URL (Wagtail's HTTP backend) and ban by tag.

Wagtail purges a page's exact URLs; listings and API responses that include the page have
other URLs, so responses carry `X-Cache-Tags` (see cms.caching) and a BAN request with the
tags to drop makes Varnish forget every object tagged with any of them (deploy/varnish).
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend

from .caching import TAG

logger = logging.getLogger("wagtail.frontendcache")


class BanRequest(Request):
    def get_method(self):
        return "BAN"


def ban_expression(tags):
    """The regular expression Varnish matches against the comma-separated tags of objects."""
    tags = sorted(set(tags))
    if not tags or not all(TAG.match(tag) for tag in tags):
        raise ValueError(f"Cache tags must be lowercase words: {tags!r}")
    return "(^|,)(" + "|".join(tags) + ")(,|$)"


class VarnishBackend(HTTPBackend):
    def ban(self, tags):
        request = BanRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            headers={"X-Cache-Ban": ban_expression(tags)},
        )
        try:
            with urlopen(request, timeout=10):  # noqa: S310 - LOCATION comes from settings
                pass
        except HTTPError as error:
            logger.error("Couldn't ban tags %s: HTTPError %d %s", tags, error.code, error.reason)
        except URLError as error:
            logger.error("Couldn't ban tags %s: URLError %s", tags, error.reason)
