"""Page permissions of the knowledge base.

Wagtail grants page permissions by subtree, so whoever may edit a language's home page could
edit every city and initiative below it. Knowledge pages also require the model permission of
their type: acting on an initiative needs knowledge.change_initiativepage, adding one under a
city needs knowledge.add_initiativepage, and so on. Communications staff (Editors) hold none of
these; moderators and city contributors do.
"""

from wagtail.models import PagePermissionTester

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
        return super().can_publish() and self._has("change")

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


class KnowledgePagePermissionsMixin:
    def permissions_for_user(self, user):
        return KnowledgePagePermissionTester(user, self)
