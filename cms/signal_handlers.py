"""What each change of state purges from the caches (cms.invalidation), the menus' included."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
    get_page_models,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from awards.models import AwardCycle, AwardProgramme, Nomination
from certification.models import (
    Application,
    Assessment,
    Certificate,
    CertificationStage,
    CertifyingBody,
    Criterion,
    Tool,
)
from exchanges.models import Exchange
from knowledge.base import cache_tags
from knowledge.initiatives import related
from knowledge.models import (
    CityMembership,
    InitiativeComment,
    Registration,
    ReplicationInterest,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)
from knowledge.opendata import files as opendata
from pages.models import NavigationItem, NavigationMenu

from . import privacy, sites, webhooks
from .invalidation import page_tags, purge


def _connect(handler, name, models=()):
    """`handler` on saving and deleting rows of `models`."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                handler, sender=model, dispatch_uid=f"{name}_{model._meta.label_lower}_{id(signal)}"
            )


def register_signal_handlers():
    privacy.connect()
    webhooks.connect()
    register_cache_invalidation()
    opendata.exported.connect(_open_data_exported, dispatch_uid="cms_cache_opendata")
    related.lists_changed.connect(_related_changed, dispatch_uid="cms_cache_related")


# Publishing


def _published(sender, instance, **kwargs):
    purge(page_tags(instance))


def _removed(sender, instance, **kwargs):
    """Unpublished, moved or deleted: the page, the pages below it, and every page that shows a
    few pages of its type (related initiatives, organisers…) stop showing it."""
    model = instance.specific_class or type(instance)
    purge(page_tags(instance, structure=True) | {f"shows-{model._meta.model_name}"})


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _removed(sender, page)


# What pages show besides their own content


def _interaction(sender, instance, **kwargs):
    """Comments and replication records show on every translation of the initiative; the
    replication counts are also in the API's listings."""
    key = Page.objects.filter(pk=instance.page_id).values_list("translation_key", flat=True)
    if key:
        tags = {f"interaction-{key[0]}"}
        if sender._meta.model_name == "replicationinterest":
            tags.add("list-initiativepage")
        purge(tags)


def _exchange(sender, instance, raw=False, **kwargs):
    """A done exchange's outcome shows on every translation of its initiative and in the API."""
    if raw or instance.state != Exchange.State.DONE:
        return
    tags = {"exchanges"}
    if instance.initiative_key:
        tags.add(f"interaction-{instance.initiative_key}")
        for page in Page.objects.filter(translation_key=instance.initiative_key):
            tags |= page_tags(page)
    purge(tags)


def _membership(sender, instance, raw=False, **kwargs):
    if raw:
        # Rows loaded from a fixture or a serialized database: their city may not be there yet.
        return
    key = getattr(instance, "city_key", None)
    if key is None and getattr(instance, "city_id", None):
        key = instance.city.translation_key
    if key is not None:
        purge({f"city-{key}"})


def _certificates(sender, **kwargs):
    purge({"certificates", "certification"})


def _awards(sender, **kwargs):
    """A programme, cycle or nomination: the awards pages, the API and the results sections."""
    purge({"awards"})


def _stage_report(sender, instance, raw=False, **kwargs):
    """An application or a consensus assessment: the city's stage report, whose gaps choose the
    initiatives its city page recommends (network.peers)."""
    if raw:
        return
    if isinstance(instance, Application):
        key = instance.city_key
    else:
        rows = Application.objects.filter(pk=instance.application_id)
        key = rows.values_list("city_key", flat=True).first()
    if key is not None:
        purge({f"stage-report-{key}"})


def _media(sender, instance, **kwargs):
    """An image or document: the pages that use it (Wagtail's reference index), in every
    language, and the API's listing of its kind."""
    tags = {cache_tags.list_tag(sender)}
    used_by = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    keys = Page.objects.filter(
        pk__in=[int(pk) for pk in used_by.values_list("object_id", flat=True) if pk.isdigit()]
    ).values_list("translation_key", flat=True)
    for page in Page.objects.filter(translation_key__in=keys):
        tags |= page_tags(page)
    purge(tags)


def _menus(sender, **kwargs):
    purge({"menu"})


def _everything(sender, **kwargs):
    """Goals, targets and themes (their labels are on most pages and in the API), collections
    and their privacy, languages and sites."""
    purge({"all"})


def _open_data_exported(sender, **kwargs):
    purge({"opendata"})


def _related_changed(sender, page_ids, **kwargs):
    """Initiative pages whose related initiatives were chosen again
    (knowledge.initiatives.related)."""
    purge({f"page-{pk}" for pk in page_ids})


def register_cache_invalidation():
    name = "cms_cache"
    page_published.connect(_published, dispatch_uid=f"{name}_published")
    page_unpublished.connect(_removed, dispatch_uid=f"{name}_unpublished")
    post_page_move.connect(_removed, dispatch_uid=f"{name}_moved")
    post_delete.connect(_removed, sender=Page, dispatch_uid=f"{name}_deleted")
    _connect(_restriction_changed, name, (PageViewRestriction,))
    m2m_changed.connect(
        _restriction_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{name}_restriction_groups",
    )
    groups = (
        (_interaction, (InitiativeComment, ReplicationInterest)),
        (_membership, (CityMembership, Registration)),
        (_exchange, (Exchange,)),
        (_certificates, (Certificate, CertificationStage, Criterion, CertifyingBody, Tool)),
        (_awards, (AwardProgramme, AwardCycle, Nomination)),
        (_stage_report, (Application, Assessment)),
        (_media, (get_image_model(), get_document_model())),
        (_menus, (NavigationMenu, NavigationItem)),
        (
            _everything,
            (
                SustainableDevelopmentGoal,
                SDGTarget,
                Theme,
                Collection,
                CollectionViewRestriction,
                Locale,
                Site,
            ),
        ),
    )
    for handler, models in groups:
        _connect(handler, name, models)
    # The sites each process keeps (cms.sites), with their root pages: saves of sites, and of
    # pages near the root (a translation of a home page made as a draft already has pages
    # below it that may be published); the receiver ignores deeper pages. Django names the
    # page's own type as the sender of a save, so each page type is connected.
    for model in {Site, Page, *get_page_models()}:
        post_save.connect(
            sites.changed, sender=model, dispatch_uid=f"cms_sites_saved_{model._meta.label_lower}"
        )
    post_delete.connect(sites.changed, sender=Site, dispatch_uid="cms_sites_site_deleted")
    post_delete.connect(sites.changed, sender=Page, dispatch_uid="cms_sites_deleted")
    post_page_move.connect(sites.changed, dispatch_uid="cms_sites_moved")
