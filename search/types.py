"""The page types the site search covers, by the type name the API uses."""

from knowledge.models import CityPage, InitiativePage
from library.models import LibraryItemPage
from pages.models import EventPage, PartnerPage, SDGIndexPage, StandardPage, WebinarPage

SEARCHABLE_TYPES = {
    model._meta.label: model
    for model in (
        InitiativePage,
        CityPage,
        EventPage,
        WebinarPage,
        PartnerPage,
        SDGIndexPage,
        StandardPage,
        LibraryItemPage,
    )
}
