"""Admin forms offer pages and taxonomies of the page's own language only."""

from django.contrib.auth import get_user_model

import pytest

from pages.models import EventPage, WebinarPage

pytestmark = pytest.mark.django_db


def edit_form(page):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(instance=page, parent_page=page.get_parent(), for_user=user)


@pytest.mark.parametrize("model, field", [(EventPage, "organisers"), (WebinarPage, "case_studies")])
def test_related_pages_are_chosen_in_the_pages_language(demo_content, model, field):
    # A French page whose relation was copied from its English source.
    pages = model.objects.filter(locale__language_code="fr").order_by("pk")
    french = next(page for page in pages if getattr(page, field).exists())
    assert {p.locale.language_code for p in getattr(french, field).all()} == {"en"}

    form = edit_form(french)

    choices = form.fields[field].queryset
    assert choices.exists()
    assert set(choices.values_list("locale__language_code", flat=True)) == {"fr"}
    source_keys = {p.translation_key for p in getattr(french, field).all()}
    assert {p.translation_key for p in form.initial[field]} == source_keys
    assert {p.locale.language_code for p in form.initial[field]} == {"fr"}
    for name in ("sdgs", "themes"):
        assert set(form.fields[name].queryset.values_list("locale__language_code", flat=True)) == {
            "fr"
        }
