from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import content_changed, page_changed
from .templatetags.cms_tags import invalidate_navigation


def _connect(handler, name, models=(), pages=False):
    """`handler` on saving and deleting rows of `models`, and with `pages` on a page being
    published, unpublished, moved or deleted."""
    from wagtail.models import Page

    if pages:
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(handler, dispatch_uid=f"{name}_{id(signal)}")
        post_delete.connect(handler, sender=Page, dispatch_uid=f"{name}_page_delete")
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                handler, sender=model, dispatch_uid=f"{name}_{model._meta.label_lower}_{id(signal)}"
            )


def register_signal_handlers():
    from pages.models import NavigationItem, NavigationMenu

    from . import privacy

    privacy.connect()
    register_cache_invalidation()
    # Menus show page titles and addresses: any publication, move or deletion may change them.
    _connect(invalidate_navigation, "cms_navigation", (NavigationMenu, NavigationItem), pages=True)


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
    from wagtail.models import Collection, Locale, PageViewRestriction, Site

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

    _connect(_page_event, "cms_cache", pages=True)
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
        _connect(handler, "cms_cache", models)
