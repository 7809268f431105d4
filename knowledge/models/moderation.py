"""The moderation task of initiatives: approve, request changes, or decline for good."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask

DECLINE = "decline"


class InitiativeModerationTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, plus "Decline" with a reason.

    Wagtail's tasks know only approve and request changes; declining records the reason (shown to
    the city in My City and e-mailed to the submitter) and ends the workflow.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.append((DECLINE, _("Decline for good"), True))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != DECLINE:
            return super().on_action(task_state, user, action_name, **kwargs)
        from ..moderation import decline_initiative

        decline_initiative(task_state, user, kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("Moderators approve an initiative, request changes or decline it for good.")

    class Meta:
        verbose_name = _("initiative moderation task")
        verbose_name_plural = _("initiative moderation tasks")
