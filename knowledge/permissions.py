"""Page permissions of the knowledge base.

Wagtail grants page permissions by subtree, so whoever may edit a language's home page could
edit every city and initiative below it. Knowledge pages also require the model permission of
their type: acting on an initiative needs knowledge.change_initiativepage, adding one under a
city needs knowledge.add_initiativepage, and so on. Communications staff (Editors) hold none of
these; moderators and city contributors do.

Publishing an initiative goes through its moderation workflow for everyone who cannot approve
that workflow's tasks (moderators) and is not a superuser. Translators, who hold publish
permission on their language's pages, publish a translation of an initiative only while its
source is live and not declined, and the translation itself is neither declined nor in
moderation. `can_publish` is the one check every path asks: the page editor, bulk actions,
scheduled publishing and wagtail-localize's editor and updates (Wagtail's
PublishPageRevisionAction asks it whenever a user publishes).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

# For each page type, the type of page that may be added below it.
CHILD_TYPES = {
    "cityindexpage": "citypage",
    "citypage": "initiativepage",
}
# Page types whose own editing needs the model permission. The index pages' texts are editorial;
# only what is added below them is restricted.
RESTRICTED = {"citypage", "initiativepage"}


class KnowledgePagePermissionTester(PagePermissionTester):
    def _has(self, action, model_name=None):
        if model_name is None:
            model_name = type(self.page)._meta.model_name
            if model_name not in RESTRICTED:
                return True
        return self.user.is_active and self.user.has_perm(f"knowledge.{action}_{model_name}")

    def can_edit(self):
        return super().can_edit() and self._has("change")

    def can_publish(self):
        return super().can_publish() and self._has("change") and self._may_skip_moderation()

    def can_unpublish(self):
        return super().can_unpublish() and self._has("change")

    def can_submit_for_moderation(self):
        return super().can_submit_for_moderation() and self._has("change")

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._has("delete")

    def can_move(self):
        return super().can_move() and self._has("change")

    def can_copy(self):
        return super().can_copy() and self._has("add")

    def can_lock(self):
        return super().can_lock() and self._has("change")

    def can_unlock(self):
        return super().can_unlock() and self._has("change")

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self._has("change")

    def can_reorder_children(self):
        return super().can_reorder_children() and self._has("change")

    def _may_add_children(self):
        child = CHILD_TYPES.get(type(self.page)._meta.model_name)
        return child is not None and self._has("add", child)

    def can_add_subpage(self):
        return super().can_add_subpage() and self._may_add_children()

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._may_add_children()

    def _may_skip_moderation(self):
        if type(self.page)._meta.model_name != "initiativepage" or self.user.is_superuser:
            return True
        if may_moderate(self.user, self.page):
            return True
        return is_publishable_translation(self.page)


def may_moderate(user, page):
    """Whether `user` may act on a task of the workflow that moderates `page` (no workflow: no
    moderation to go through)."""
    workflow = page.get_workflow()
    if workflow is None:
        return True
    group_ids = set(user.groups.values_list("pk", flat=True))
    for task in workflow.tasks.filter(active=True).specific():
        groups = getattr(task, "groups", None)
        if groups is not None and groups.filter(pk__in=group_ids).exists():
            return True
    return False


def is_declined(page):
    """Declined for good (not just one revision of it)."""
    decisions = apps.get_model("knowledge", "InitiativeDecision").objects
    return decisions.filter(page_id=page.pk, revision__isnull=True).exists()


def translation_source(page):
    """The page `page` was translated from with wagtail-localize, or None for an original."""
    from wagtail_localize.models import TranslationSource

    source = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .first()
    )
    if source is None:
        return None
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .first()
    )


def is_publishable_translation(page):
    """A translation whose source has been through moderation and is live, and which is itself
    neither declined nor waiting in moderation."""
    source = translation_source(page)
    if source is None or not source.live or is_declined(source):
        return False
    return not is_declined(page) and not page.workflow_in_progress


class KnowledgePagePermissionsMixin:
    def permissions_for_user(self, user):
        return KnowledgePagePermissionTester(user, self)


def drafts_hidden_from(user, pages):
    """`pages` without the pages that are not live and that `user` may not edit, for the admin's
    choosers, searches and explorer: a city's contributors do not see other cities' drafts.

    Wagtail's explorable pages are those under the user's page permissions; a city or initiative
    also needs the knowledge model permission (see KnowledgePagePermissionTester)."""
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().explorable_instances(user)
    restricted = [
        ContentType.objects.get_by_natural_key("knowledge", model_name)
        for model_name in sorted(RESTRICTED)
        if not user.has_perm(f"knowledge.change_{model_name}")
    ]
    if restricted:
        editable = editable.exclude(content_type__in=restricted)
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
