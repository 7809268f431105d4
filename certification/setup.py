"""Groups of certification, created idempotently after every migration (see cms.roles).

The secretariat keeps the stages, criteria, bodies and tools (translatable snippets), manages
the technical reviewers and assigns them to applications; the committee sees every application.
Technical reviewers are users with a TechnicalReviewer entry (their languages), in their group
for access to the admin's "Certification reviews" link.
"""

from django.contrib.auth.models import Group

from knowledge.members import permission

SECRETARIAT = "Certification secretariat"
COMMITTEE = "Certification committee"
REVIEWERS = "Technical reviewers"

SNIPPETS = [
    "certificationstage",
    "criterion",
    "certifyingbody",
    "tool",
    "technicalreviewer",
    "conflictofinterest",
]
SECRETARIAT_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "certification.manage_applications",
    "certification.view_all_applications",
    *[
        f"certification.{verb}_{model}"
        for model in SNIPPETS
        for verb in ("add", "change", "delete", "view")
    ],
]
COMMITTEE_PERMISSIONS = ["wagtailadmin.access_admin", "certification.view_all_applications"]
REVIEWER_PERMISSIONS = ["wagtailadmin.access_admin"]


def ensure_certification_roles():
    groups = {}
    for name, names in (
        (SECRETARIAT, SECRETARIAT_PERMISSIONS),
        (COMMITTEE, COMMITTEE_PERMISSIONS),
        (REVIEWERS, REVIEWER_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(dotted) for dotted in names])
        groups[name] = group
    return groups
