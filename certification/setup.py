"""Groups of certification, each made once after the app's migrations (knowledge.roles).

The secretariat keeps the stages, criteria and bodies (translatable snippets) and the tools and
resources (library items: add, change and publish under every library index), manages
the technical reviewers and assigns them to applications; the committee sees every application.
Technical reviewers are users with a TechnicalReviewer entry (their languages), in their group
for access to the admin's "Certification reviews" link.
"""

from django.contrib.auth.models import Permission

from wagtail.models import GroupPagePermission

from knowledge.roles import ensure_role, role_group
from library.models import LibraryIndexPage

# Role keys (knowledge.roles) and the names their groups are given at creation.
SECRETARIAT = "certification_secretariat"
COMMITTEE = "certification_committee"
REVIEWERS = "technical_reviewers"
NAMES = {
    SECRETARIAT: "Certification secretariat",
    COMMITTEE: "Certification committee",
    REVIEWERS: "Technical reviewers",
}

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
LIBRARY_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def ensure_certification_roles(reset=False):
    groups = {}
    for role, names in (
        (SECRETARIAT, SECRETARIAT_PERMISSIONS),
        (COMMITTEE, COMMITTEE_PERMISSIONS),
        (REVIEWERS, REVIEWER_PERMISSIONS),
    ):
        setup = _library_permissions if role == SECRETARIAT else None
        groups[role], _ = ensure_role(role, NAMES[role], names, setup=setup, reset=reset)
    return groups


def _library_permissions(group, reset):
    ensure_secretariat_library_permissions(group)


def ensure_secretariat_library_permissions(group=None, indexes=None):
    """The secretariat's page permissions on the library indexes (default: all): given when the
    role is set up and when an index is made, never re-applied."""
    group = group or role_group(SECRETARIAT)
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=LIBRARY_PAGE_PERMISSIONS
    )
    for index in LibraryIndexPage.objects.all() if indexes is None else indexes:
        for page_permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=page_permission
            )
