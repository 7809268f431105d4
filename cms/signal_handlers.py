from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import content_changed, page_changed
from .templatetags.cms_tags import invalidate_navigation


def register_signal_handlers():
    register_cache_invalidation()
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


def _page_event(sender, instance, **kwargs):
    page_changed(instance)


def _comment_or_replication(sender, instance, **kwargs):
    # Comments and replication counts are shown on every translation of the initiative.
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).only("translation_key").first()
    if page is not None:
        page_changed(page)


def _listing_content(sender, **kwargs):
    content_changed()


def _any_content(sender, **kwargs):
    content_changed(everything=True)


def register_cache_invalidation():
    """Public content changed: new content version, front caches banned (cms.caching)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Locale, Page, PageViewRestriction, Site

    from certification.models import (
        Certificate,
        CertificationStage,
        CertifyingBody,
        Criterion,
        Tool,
    )
    from knowledge.models import (
        InitiativeComment,
        ReplicationInterest,
        SDGTarget,
        SustainableDevelopmentGoal,
        Theme,
    )
    from pages.models import NavigationItem, NavigationMenu

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_event, dispatch_uid=f"cms_cache_{id(signal)}")
    post_delete.connect(_page_event, sender=Page, dispatch_uid="cms_cache_page_delete")
    groups = (
        (_comment_or_replication, (InitiativeComment, ReplicationInterest)),
        (_listing_content, (Certificate,)),
        (
            _any_content,
            (
                SustainableDevelopmentGoal,
                SDGTarget,
                Theme,
                NavigationMenu,
                NavigationItem,
                CertificationStage,
                Criterion,
                CertifyingBody,
                Tool,
                get_image_model(),
                get_document_model(),
                Collection,
                Locale,
                Site,
                PageViewRestriction,
            ),
        ),
    )
    for handler, models in groups:
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(
                    handler,
                    sender=model,
                    dispatch_uid=f"cms_cache_{model._meta.label_lower}_{id(signal)}",
                )
