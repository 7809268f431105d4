import pytest

from knowledge.models import SustainableDevelopmentGoal, Theme
from library.models import LibraryIndexPage, LibraryItemPage

# The certification's fixtures, for the stage report of tests/library/test_tools_and_search.py.
from tests.certification.conftest import (  # noqa: F401
    in_review,
    quito,
    quito_client,
    quito_member,
    reviewer,
    secretariat,
    submitted,
)
from tests.factories import PageFactory


class LibraryItemPageFactory(PageFactory):
    class Meta:
        model = LibraryItemPage

    kind = "publication"
    link = "https://example.org/work"


@pytest.fixture
def library(db):
    """The English library index (made by migrate, with the certification's tools in it)."""
    return LibraryIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def make_item(library):
    def make(title, sdgs=(), themes=(), parent=None, **fields):
        parent = parent or library
        item = LibraryItemPageFactory(parent=parent, title=title, **fields)
        item.sdgs.set(
            SustainableDevelopmentGoal.objects.filter(locale=parent.locale, number__in=sdgs)
        )
        item.themes.set(Theme.objects.filter(locale=parent.locale, code__in=themes))
        revision = item.save_revision()
        if fields.get("live", True):
            revision.publish()
        return item

    return make
