"""The groups people are given: created after every migration, idempotently.

Moderators approve registrations and initiatives (knowledge.setup); each city has a contributor
group (knowledge.members.ensure_city_group).

Editors (communications staff) create, publish and schedule editorial pages in every language
and manage images, documents and navigation menus. They hold no permission on the knowledge
base's page types, so they cannot touch cities or initiatives (see knowledge.permissions).

Translators (one group per language but English, named in knowledge.languages.translators) start,
update and edit the translations of their language: page permissions (add, change) on that
language's home page, the knowledge pages' change permissions, change on the translatable
snippets, which TranslatorPermissionPolicy limits to the rows of their language, and
wagtail_localize.submit_translation, which knowledge.languages.translator_views limits to their
language.
They do not publish pages: a translation goes live when a second translator or a reviewer of the
language approves it (knowledge.languages.review). Reviewers (one group per language) review
without translating.

Everything is added, never reset: permissions an administrator adds or removes later stay so.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.snippets.models import create_extra_permissions

from knowledge.languages.translators import REVIEWER_GROUP_PREFIX, translator_group_names
from pages.models import HomePage

EDITORS = "Editors"
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "pages.add_navigationmenu",
    "pages.change_navigationmenu",
    "pages.delete_navigationmenu",
    "pages.publish_navigationmenu",
]
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


TRANSLATOR_PAGE_PERMISSIONS = ["add", "change"]
TRANSLATOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    # Start and update translations; knowledge.languages.translator_views limits them to their
    # language.
    "wagtail_localize.submit_translation",
    # Required by knowledge.permissions to edit (and publish) cities and initiatives.
    "knowledge.change_citypage",
    "knowledge.change_initiativepage",
    # The translatable snippets, limited to the group's language by their permission policy.
    "pages.change_navigationmenu",
    "knowledge.change_sustainabledevelopmentgoal",
    "knowledge.change_sdgtarget",
    "knowledge.change_theme",
]
# Reviewers open the pages of their language to review them (knowledge.languages.review).
REVIEWER_PAGE_PERMISSIONS = ["change"]
REVIEWER_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "knowledge.change_citypage",
    "knowledge.change_initiativepage",
]
TRANSLATOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.choose_image",
    "wagtaildocs.choose_document",
]


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_permissions_exist():
    # post_migrate creates permissions app by app; make sure all of them exist before use
    # (Wagtail's own: publish and lock on snippets with a draft state).
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
        create_extra_permissions(app_config)


def ensure_editors():
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*[_permission(name) for name in EDITOR_MODEL_PERMISSIONS])
    # Wagtail's initial data gives Editors the whole tree from its root, where they could also
    # add language roots; they work on the language trees instead.
    GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
    page_permissions = [_permission(f"wagtailcore.{kind}_page") for kind in EDITOR_PAGE_PERMISSIONS]
    for home in HomePage.objects.all():
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    root = Collection.get_first_root_node()
    if root is not None:
        for name in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(name)
            )
    return group


def ensure_translators():
    """A translator group for each content language but the default, with page permissions on
    that language's home page."""
    return _ensure_language_groups(
        translator_group_names(),
        TRANSLATOR_MODEL_PERMISSIONS,
        TRANSLATOR_PAGE_PERMISSIONS,
        TRANSLATOR_COLLECTION_PERMISSIONS,
    )


def ensure_reviewers():
    """A translation reviewer group for each content language but the default, and the review
    workflow of translations."""
    from knowledge.languages.review import ensure_review_workflow

    ensure_review_workflow()
    return _ensure_language_groups(
        translator_group_names(REVIEWER_GROUP_PREFIX),
        REVIEWER_MODEL_PERMISSIONS,
        REVIEWER_PAGE_PERMISSIONS,
        [],
    )


def _ensure_language_groups(names, model_names, page_kinds, collection_names):
    model_permissions = [_permission(name) for name in model_names]
    page_permissions = [_permission(f"wagtailcore.{kind}_page") for kind in page_kinds]
    collection_permissions = [_permission(name) for name in collection_names]
    root = Collection.get_first_root_node()
    groups = []
    for language_code, name in names.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*model_permissions)
        for home in HomePage.objects.filter(locale__language_code=language_code):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=permission
                )
        if root is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
        groups.append(group)
    return groups


def ensure_roles(**kwargs):
    from certification.setup import ensure_certification_roles
    from knowledge.setup import ensure_knowledge_roles

    ensure_permissions_exist()
    ensure_editors()
    ensure_translators()
    ensure_reviewers()
    ensure_knowledge_roles()
    ensure_certification_roles()
