"""Groups of certification, created idempotently after every migration (see cms.roles).

The secretariat keeps the stages, criteria and bodies (translatable snippets) and the tools and
resources (library items: add, change and publish under every library index), manages
the technical reviewers and assigns them to applications; the committee sees every application.
Technical reviewers are users with a TechnicalReviewer entry (their languages), in their group
for access to the admin's "Certification reviews" link.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from knowledge.members import permission
from library.models import LibraryIndexPage

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
LIBRARY_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


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
    ensure_secretariat_library_permissions(groups[SECRETARIAT])
    return groups


def ensure_secretariat_library_permissions(group=None):
    """The secretariat's page permissions on every library index (added, never reset)."""
    group = group or Group.objects.filter(name=SECRETARIAT).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=LIBRARY_PAGE_PERMISSIONS
    )
    for index in LibraryIndexPage.objects.all():
        for page_permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=page_permission
            )
