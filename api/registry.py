"""The registry of the pages endpoint: what each page type offers and loads.

Each app registers its own page types (knowledge its initiatives and cities, pages its events,
library its resources); the pages endpoint (`cms.pages_api`) and the OpenAPI document read the
registry per request, so every filter offered is documented and checked in one place.
"""

# Filters of the pages endpoint, by page type: model -> (parameters, function(queryset, query)).
PAGE_FILTERS = {}
# What the API fields of each page type read, loaded in bulk: model -> function(queryset).
PAGE_LOADERS = {}
# Work done once for all the pages of a response: model -> function(pages, request) returning
# entries for the serializer context.
PAGE_PREPARERS = {}


def register_page_filter(model, parameters, apply):
    """Offer `parameters` on `type=<model>` listings; `apply(queryset, query)` narrows them and
    raises FilterError (naming the parameter) on a bad value."""
    PAGE_FILTERS[model] = (frozenset(parameters), apply)


def page_filter_parameters():
    return frozenset().union(*(parameters for parameters, _ in PAGE_FILTERS.values()))


def register_page_loader(model, load, prepare=None):
    PAGE_LOADERS[model] = load
    if prepare is not None:
        PAGE_PREPARERS[model] = prepare
