from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .templatetags.cms_tags import invalidate_navigation


def register_signal_handlers():
    from pages.models import NavigationItem, NavigationMenu

    # Menus show page titles and addresses: any publication, move or deletion may change them.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_navigation, dispatch_uid=f"cms_navigation_{id(signal)}")
    for model in (NavigationMenu, NavigationItem):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_navigation,
                sender=model,
                dispatch_uid=f"cms_navigation_{model.__name__}_{id(signal)}",
            )
    from wagtail.models import Page

    post_delete.connect(
        invalidate_navigation, sender=Page, dispatch_uid="cms_navigation_page_delete"
    )
