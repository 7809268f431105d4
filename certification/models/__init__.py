"""Models of SDG Cities certification. Import rule: framework ← applications."""

from .applications import (
    EVIDENCE_LANGUAGES,
    Answer,
    Appeal,
    Application,
    Assessment,
    Evidence,
    Recommendation,
    ReviewAssignment,
    SelfRating,
    TechnicalReviewer,
)
from .committee import (
    AgendaItem,
    Certificate,
    CommitteeMeeting,
    Vote,
    draw_spot_checks,
    outcome_of_votes,
)
from .framework import (
    CertificationStage,
    CertifyingBody,
    CriteriaVersion,
    Criterion,
    EvidenceKind,
    Tool,
    current_criteria_version,
)
from .independence import ConflictOfInterest
from .review import AssessorScore, ClarificationQuestion, ClarificationRound

__all__ = [
    "AgendaItem",
    "Certificate",
    "CommitteeMeeting",
    "ConflictOfInterest",
    "draw_spot_checks",
    "outcome_of_votes",
    "Vote",
    "EVIDENCE_LANGUAGES",
    "Answer",
    "Appeal",
    "Application",
    "Assessment",
    "AssessorScore",
    "ClarificationQuestion",
    "ClarificationRound",
    "CertificationStage",
    "CertifyingBody",
    "CriteriaVersion",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "Recommendation",
    "ReviewAssignment",
    "SelfRating",
    "TechnicalReviewer",
    "Tool",
    "current_criteria_version",
]
