"""Models of the knowledge base.

Import rule: taxonomy ← localized ← cities ← initiatives, initiative_index; related and roles
import nothing; nothing here imports another app of ours.
"""

from .cities import CityIndexPage, CityPage, CitySocialAccount, FocalPoint
from .initiative_index import InitiativeIndexPage
from .initiatives import InitiativePage, InitiativeStatus
from .interaction import (
    CommentReport,
    InitiativeComment,
    ReplicationInterest,
    TrustedCommenter,
    replication_counts,
)
from .localized import LocalizedTaxonomy, LocalizedTaxonomyMixin, taxonomy_for
from .membership import CityGroup, CityMembership, InitiativeDecision, Registration
from .moderation import InitiativeModerationTask, TranslationReviewTask
from .related import RelatedInitiatives
from .roles import GroupRole
from .taxonomy import SDGTarget, SustainableDevelopmentGoal, Theme

__all__ = [
    "CommentReport",
    "InitiativeComment",
    "ReplicationInterest",
    "TrustedCommenter",
    "replication_counts",
    "CityGroup",
    "CityMembership",
    "InitiativeDecision",
    "InitiativeModerationTask",
    "Registration",
    "RelatedInitiatives",
    "GroupRole",
    "CityIndexPage",
    "CityPage",
    "CitySocialAccount",
    "FocalPoint",
    "InitiativeIndexPage",
    "InitiativePage",
    "InitiativeStatus",
    "LocalizedTaxonomy",
    "LocalizedTaxonomyMixin",
    "SDGTarget",
    "SustainableDevelopmentGoal",
    "Theme",
    "TranslationReviewTask",
    "taxonomy_for",
]
