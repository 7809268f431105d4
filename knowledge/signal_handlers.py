from django.db.models.signals import post_delete, post_save

from wagtail.signals import post_page_move

from .models import CityPage, InitiativePage, SDGTarget, SustainableDevelopmentGoal, Theme
from .models.localized import invalidate_taxonomies


def keep_initiative_city(sender, instance, parent_page_after, **kwargs):
    """An initiative moved to another city belongs to that city (Wagtail's move skips save())."""
    if issubclass(sender, InitiativePage):
        city_id = parent_page_after.pk if parent_page_after.specific_class is CityPage else None
        InitiativePage.objects.filter(pk=instance.pk).update(city_id=city_id)


def register_signal_handlers():
    post_page_move.connect(keep_initiative_city, dispatch_uid="knowledge_keep_initiative_city")
    for model in (SustainableDevelopmentGoal, SDGTarget, Theme):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_taxonomies,
                sender=model,
                dispatch_uid=f"knowledge_taxonomy_cache_{signal is post_save}_{model.__name__}",
            )
