"""The kinds of library items (a module of its own: the filters and the models use it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """Publications, and the kinds of the certification programme's tools."""

    PUBLICATION = "publication", _("Publication")
    TOOL = "tool", _("Assessment or planning tool")
    GUIDE = "guide", _("Guide")
    DATA = "data", _("Data and indicators")
    TRAINING = "training", _("Training and learning")
