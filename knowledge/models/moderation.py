"""The moderation task of initiatives (approve, request changes, or decline for good) and the
review task of translations."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Task

from ..languages import review as translation_review

DECLINE = "decline"


class InitiativeModerationTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, plus "Decline" with a reason.

    Wagtail's tasks know only approve and request changes; declining records the reason (shown to
    the city in My City and e-mailed to the submitter) and ends the workflow.
    """

    # knowledge.initiatives.moderation.decline_initiative, which imports the models:
    # KnowledgeConfig.ready() hands it to the task, so that the model layer imports nothing above
    # it.
    decline_initiative = None  # (task_state, user, reason)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append((DECLINE, _("Decline for good"), True))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != DECLINE:
            return super().on_action(task_state, user, action_name, **kwargs)
        self.decline_initiative(task_state, user, kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("Moderators approve an initiative, request changes or decline it for good.")

    class Meta:
        verbose_name = _("initiative moderation task")
        verbose_name_plural = _("initiative moderation tasks")


class TranslationReviewTask(Task):
    """A second person of the translation's language approves it or requests changes.

    Who may act depends on the language of the page in review (knowledge.languages.review), so
    one task serves every language: members of that language's translator or reviewer group, but
    not the translator who submitted it. Approving a translation whose source is declined or not
    live is refused.
    """

    def _review(self):
        return translation_review

    def user_can_access_editor(self, obj, user):
        return self._review().may_review_language(user, obj)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._review().may_review_language(user, obj))

    def get_actions(self, obj, user):
        return self._review().review_actions(obj, user)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self._review().task_states_to_review(self, user)

    @classmethod
    def get_description(cls):
        return _(
            "A second translator or a reviewer of the page's language approves the translation "
            "or requests changes; the translator who submitted it cannot approve it."
        )

    class Meta:
        verbose_name = _("translation review task")
        verbose_name_plural = _("translation review tasks")
