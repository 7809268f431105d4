"""Factories shared by the test suite."""

from django.utils.text import slugify

import factory

from pages.models import StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    """Create a page under `parent`, published unless `live=False`.

    StandardPageFactory(parent=homes["fr"], title="Mentions légales")
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, **kwargs):
        page = model_class(*args, live=False, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = factory.Faker("sentence")
