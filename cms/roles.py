"""The groups people are given: each made once, after the first migration (knowledge.roles).

Moderators approve registrations and initiatives and each city has a contributor group: the
knowledge app sets those up itself (knowledge.setup), as certification and awards set up theirs.

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

A role's defaults are applied when its group is made; permissions an administrator adds or
removes later, and a renamed group, stay so. `manage.py setup_roles --reset` applies them again.
"""

from wagtail.models import GroupPagePermission, Locale

from knowledge.languages.review import ensure_review_workflow
from knowledge.languages.translators import (
    REVIEWER_GROUP_PREFIX,
    TRANSLATOR_GROUP_PREFIX,
    translator_group_names,
)
from knowledge.roles import (
    TRANSLATION_REVIEWERS,
    TRANSLATORS,
    ensure_role,
)
from pages.models import HomePage

EDITORS = "editors"
EDITORS_NAME = "Editors"
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


def ensure_editors(reset=False):
    """Editors work on the language trees; Wagtail's initial data gives them the whole tree from
    its root, where they could also add language roots, which is taken away when the role is set
    up."""

    def drop_root(group, reset):
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()

    group, _ = ensure_role(
        EDITORS,
        EDITORS_NAME,
        EDITOR_MODEL_PERMISSIONS,
        pages=HomePage.objects.all(),
        page_permissions=EDITOR_PAGE_PERMISSIONS,
        collection_permissions=EDITOR_COLLECTION_PERMISSIONS,
        setup=drop_root,
        reset=reset,
    )
    return group


def _ensure_language_groups(role, prefix, model_names, page_kinds, collection_names, reset):
    """One group of `role` for each content language but the default, with `page_kinds` on that
    language's home page."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    groups = []
    for language_code, name in translator_group_names(prefix).items():
        locale = locales.get(language_code)
        if locale is None:
            continue
        group, _ = ensure_role(
            role,
            name,
            model_names,
            locale=locale,
            pages=HomePage.objects.filter(locale=locale),
            page_permissions=page_kinds,
            collection_permissions=collection_names,
            reset=reset,
        )
        groups.append(group)
    return groups


def ensure_translators(reset=False):
    return _ensure_language_groups(
        TRANSLATORS,
        TRANSLATOR_GROUP_PREFIX,
        TRANSLATOR_MODEL_PERMISSIONS,
        TRANSLATOR_PAGE_PERMISSIONS,
        TRANSLATOR_COLLECTION_PERMISSIONS,
        reset,
    )


def ensure_reviewers(reset=False):
    """A translation reviewer group for each content language but the default, and the review
    workflow of translations."""
    ensure_review_workflow(reset=reset)
    return _ensure_language_groups(
        TRANSLATION_REVIEWERS,
        REVIEWER_GROUP_PREFIX,
        REVIEWER_MODEL_PERMISSIONS,
        REVIEWER_PAGE_PERMISSIONS,
        [],
        reset,
    )


def ensure_roles(reset=False):
    """The project-wide roles' groups (editors, translators, reviewers), each made once. Each app
    registers its own roles (knowledge: moderators and city groups; certification; awards)."""
    ensure_editors(reset=reset)
    ensure_translators(reset=reset)
    ensure_reviewers(reset=reset)
