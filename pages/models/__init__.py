"""Models of the editorial pages.

Import rule: mixins ← partners ← events ← webinars ← sdgs ← home; navigation and standard stand
alone. These may import knowledge, never the other way round.
"""

from .events import EventFormat, EventIndexPage, EventPage
from .home import HomeFeaturedInitiative, HomePage
from .mixins import TaggedPage, localized_page_map, localized_pages
from .navigation import NavigationItem, NavigationMenu
from .partners import PartnerIndexPage, PartnerKind, PartnerPage
from .sdgs import SDGIndexPage
from .standard import StandardPage
from .webinars import WebinarIndexPage, WebinarPage, WebinarSpeaker

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "HomeFeaturedInitiative",
    "HomePage",
    "NavigationItem",
    "NavigationMenu",
    "PartnerIndexPage",
    "PartnerKind",
    "PartnerPage",
    "SDGIndexPage",
    "StandardPage",
    "TaggedPage",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarSpeaker",
    "localized_page_map",
    "localized_pages",
]
