"""Models of SDG Cities certification. Import rule: framework ← applications."""

from .applications import (
    EVIDENCE_LANGUAGES,
    Answer,
    Application,
    Assessment,
    Evidence,
    ReviewAssignment,
    SelfRating,
    TechnicalReviewer,
)
from .committee import AgendaItem, Certificate, CommitteeMeeting, draw_spot_checks
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

__all__ = [
    "AgendaItem",
    "Certificate",
    "CommitteeMeeting",
    "ConflictOfInterest",
    "draw_spot_checks",
    "EVIDENCE_LANGUAGES",
    "Answer",
    "Application",
    "Assessment",
    "CertificationStage",
    "CertifyingBody",
    "CriteriaVersion",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "ReviewAssignment",
    "SelfRating",
    "TechnicalReviewer",
    "Tool",
    "current_criteria_version",
]
