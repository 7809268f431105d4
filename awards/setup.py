"""Groups of the awards, created idempotently after the awards app's migrations.

The awards secretariat keeps the programmes and cycles (the cycle's jury among them), sees every
nomination with its scores, marks finalists and winners and publishes the results. Jurors are
in the jury group for access to the admin's "Jury scores"; which cycles each may score is the
cycle's own jury list.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group

from knowledge.members import permission

SECRETARIAT = "Awards secretariat"
JURY = "Awards jury"

SECRETARIAT_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *[
        f"awards.{verb}_{model}"
        for model in ("awardprogramme", "awardcycle")
        for verb in ("add", "change", "delete", "view")
    ],
    "awards.change_nomination",
    "awards.view_nomination",
    "awards.delete_nomination",
    "awards.view_score",
]
JURY_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "awards.add_score",
    "awards.change_score",
    "awards.view_score",
    # To read the nominations and their statements (awards.viewsets hides the scores).
    "awards.view_nomination",
]


def ensure_award_roles(**kwargs):
    create_permissions(apps.get_app_config("awards"), verbosity=0)
    groups = {}
    for name, names in ((SECRETARIAT, SECRETARIAT_PERMISSIONS), (JURY, JURY_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(dotted) for dotted in names])
        groups[name] = group
    return groups
