"""The pages endpoint's tree filters (`child_of`, `ancestor_of`, `descendant_of`,
`translation_of`): Wagtail's, with the page they name checked first.

A value that is not a page id is a 400 naming the parameter; the id of no live, public page is a
404 naming it (the page it refers to is not found), as the OpenAPI document says. `child_of` and
`descendant_of` combine (children of one page that are below another), which Wagtail refuses.
"""

import re

from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError

# Ids fit in 64 bits (SQLite refuses larger numbers).
PAGE_ID = re.compile(r"[0-9]{1,18}")
MAX_PAGE_ID = 10**18 - 1
CHILD_OF_MARK = "_filtered_by_child_of"


class _CheckedPageFilter:
    parameter = None
    takes_root = True

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get(self.parameter)
        if value is None:
            return queryset
        if not (self.takes_root and value == "root"):
            if not PAGE_ID.fullmatch(value):
                raise BadRequestError(
                    _("%(name)s: “%(value)s” is not a page id.")
                    % {"name": self.parameter, "value": value[:50]}
                )
            if not view.get_base_queryset().filter(pk=int(value)).exists():
                raise Http404(
                    _("%(name)s: There is no page with the id %(value)s.")
                    % {"name": self.parameter, "value": int(value)}
                )
        return super().filter_queryset(request, queryset, view)


class CheckedChildOfFilter(_CheckedPageFilter, ChildOfFilter):
    parameter = "child_of"


class CheckedAncestorOfFilter(_CheckedPageFilter, AncestorOfFilter):
    parameter = "ancestor_of"
    takes_root = False


class CheckedDescendantOfFilter(_CheckedPageFilter, DescendantOfFilter):
    parameter = "descendant_of"

    def filter_queryset(self, request, queryset, view):
        parent = getattr(queryset, CHILD_OF_MARK, None)
        if parent is not None:
            # Wagtail refuses the pair only because of its mark; the conditions combine.
            queryset = queryset.all()
        queryset = super().filter_queryset(request, queryset, view)
        if parent is not None:
            setattr(queryset, CHILD_OF_MARK, parent)
        return queryset


class CheckedTranslationOfFilter(_CheckedPageFilter, TranslationOfFilter):
    parameter = "translation_of"
