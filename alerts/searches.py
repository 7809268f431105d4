"""Saved searches: what they keep, what is new for them, and their weekly e-mails.

A saved search keeps the parameters of the initiatives database (knowledge.initiatives.listing),
validated by its one parameter layer (knowledge.query.parameters) and written canonically; its
matches are those of knowledge.initiatives.listing.select, the selection the listing, its exports
and its feed use.

send_due_alerts() runs every day (settings.PERIODIC_TASKS, alerts.tasks); each search whose
last check is ALERT_INTERVAL old gets, at most once a week, one e-mail listing the initiatives
first published since that check, in the search's language, through the outbox (mailqueue).
Nothing new, no e-mail. The check moves on in the same transaction as the e-mail is queued and
only if no other run moved it meanwhile, so no initiative is announced twice.
"""

import logging
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from knowledge.initiatives.filters import InitiativeFilters
from knowledge.initiatives.listing import select
from knowledge.models import InitiativeIndexPage
from knowledge.query.parameters import FilterError, clean_keywords, split_values

from .models import SavedSearch

logger = logging.getLogger(__name__)

ALERT_INTERVAL = timedelta(days=7)
# Initiatives listed in one e-mail; the listing's link shows the rest.
MAX_ITEMS_PER_MAIL = 50
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
KEYWORDS = "q"

# What each parameter is called on the page (the listing's own labels).
LABELS = {
    "sdg": gettext_lazy("Sustainable Development Goals"),
    "target": gettext_lazy("SDG targets"),
    "theme": gettext_lazy("Themes"),
    "country": gettext_lazy("Countries"),
    "region": gettext_lazy("Regions"),
    "city": gettext_lazy("Cities"),
    "year": gettext_lazy("Start year"),
    "status": gettext_lazy("Status"),
    KEYWORDS: gettext_lazy("Keyword"),
}


def _canonical(name, value):
    if name == "country":
        return value.upper()
    if name in ("sdg", "city", "year"):
        return str(int(value))
    return value


def normalise(query):
    """The listing parameters in `query` (a QueryDict), validated and canonical:
    {"sdg": "6,11", "theme": "water", "q": "clean water"}; paging, sort and anything else left
    out. Raises FilterError with the listing's own message on a bad value."""
    InitiativeFilters.from_query(query)
    parameters = {}
    for name in InitiativeFilters.PARAMETERS:
        values = {_canonical(name, value) for value in split_values(query, name)}
        if values:
            numeric = all(value.isdigit() for value in values)
            ordered = sorted(values, key=int if numeric else str)
            parameters[name] = ",".join(ordered)
    keywords = clean_keywords(query.get(KEYWORDS, ""))
    if keywords:
        parameters[KEYWORDS] = keywords
    return parameters


def summary(search):
    """[(label, values)] of a saved search, for people."""
    return [(LABELS.get(name, name), value) for name, value in search.parameters.items()]


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(search):
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def search_for_token(token):
    """The saved search an unsubscribe token names, or None (bad token, search deleted)."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return SavedSearch.objects.filter(pk=pk).first()


def listing_url(search, locale):
    """The initiatives database of `locale` with the search's parameters, or None."""
    index = InitiativeIndexPage.objects.live().public().filter(locale=locale).first()
    if index is None:
        return None
    url = index.get_full_url()
    query = search.query_string()
    return f"{url}?{query}" if query and url else url


def new_matches(search, locale, since, until):
    """The search's initiatives in `locale` first published in (since, until], oldest first.
    Raises FilterError when a parameter no longer holds (a theme was removed)."""
    _filters, _base, selected = select(search.query(), locale)
    return (
        selected.filter(first_published_at__gt=since, first_published_at__lte=until)
        .select_related("city")
        .order_by("first_published_at", "pk")
    )


def due_searches(now):
    return SavedSearch.objects.filter(
        alerts_enabled=True,
        user__is_active=True,
        checked_until__lte=now - ALERT_INTERVAL,
    ).select_related("user")


def send_due_alerts(now=None):
    """E-mail every due saved search its new matches: {"sent", "checked", "skipped"}."""
    now = now or timezone.now()
    outcome = {"sent": 0, "checked": 0, "skipped": 0}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for search in due_searches(now).iterator():
        outcome[send_alert(search, locales.get(search.language), now)] += 1
    return outcome


def send_alert(search, locale, now):
    """Check one search up to `now` and e-mail it what is new: "sent", "checked" or "skipped"."""
    since = search.checked_until
    with transaction.atomic():
        # Only if no other run has checked it meanwhile.
        moved = SavedSearch.objects.filter(pk=search.pk, checked_until=since).update(
            checked_until=now
        )
        if not moved:
            return "skipped"
        if locale is None or not search.user.email:
            return "skipped"
        try:
            matches = list(new_matches(search, locale, since, now)[: MAX_ITEMS_PER_MAIL + 1])
        except FilterError as error:
            logger.warning("Saved search %s no longer applies: %s", search.pk, error)
            return "skipped"
        if not matches:
            return "checked"
        with translation.override(search.language):
            message = alert_message(search, locale, matches)
        message.send()
        SavedSearch.objects.filter(pk=search.pk).update(last_sent_at=now)
    return "sent"


def alert_message(search, locale, matches):
    """The e-mail of `matches` (at most MAX_ITEMS_PER_MAIL listed) in the active language."""
    more = len(matches) > MAX_ITEMS_PER_MAIL
    matches = matches[:MAX_ITEMS_PER_MAIL]
    # Wagtail keeps the site's root paths on this object: one lookup for every address.
    site_paths = SimpleNamespace()
    items = [
        {
            "title": page.title,
            "city": page.city.title if page.city_id else "",
            "url": page.get_full_url(request=site_paths),
        }
        for page in matches
    ]
    unsubscribe = absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(search)]))
    body = render_to_string(
        "alerts/emails/new_matches.txt",
        {
            "search": search,
            "recipient": search.user,
            "items": items,
            "more": more,
            "listing_url": listing_url(search, locale),
            "manage_url": absolute(reverse("alerts:list")),
            "unsubscribe_url": unsubscribe,
        },
    )
    subject = _("New initiatives for your saved search “%(name)s”") % {"name": search.name}
    return EmailMessage(
        subject=subject,
        body=body,
        to=[search.user.email],
        headers={
            # One-click unsubscribe from the mail program (RFC 8058).
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
