"""Messages of Wagtail's admin that Wagtail's own catalogues leave untranslated in some of our
languages (zh_Hans, es: the titles of the sortable listing columns, on every snippet listing).
Marked here so that makemessages keeps them in our catalogues, whose translations Django looks
up before Wagtail's."""

from django.utils.translation import gettext_noop

WAGTAIL_ADMIN_MESSAGES = [
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
]
