"""What a group stands for.

Code finds the groups of a role (moderators, editors, the translators of one language, the
certification secretariat…) through GroupRole, never by their names, so an administrator may
rename a group in the admin. knowledge.roles creates each role's group once.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale


class GroupRole(models.Model):
    """The role one group holds; translators and reviewers hold theirs in one language."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="role")
    role = models.CharField(_("role"), max_length=64)
    locale = models.ForeignKey(
        Locale, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group role")
        verbose_name_plural = _("group roles")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "locale"], name="one_group_per_role_and_language"
            ),
            models.UniqueConstraint(
                fields=["role"], condition=models.Q(locale=None), name="one_group_per_role"
            ),
        ]

    def __str__(self):
        return f"{self.group.name}: {self.role}"
