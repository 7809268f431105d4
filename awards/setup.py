"""Groups of the awards, each made once after the awards app's migrations (knowledge.roles).

The awards secretariat keeps the programmes and cycles (the cycle's jury among them), sees every
nomination with its scores, marks finalists and winners and publishes the results. Jurors are
in the jury group for access to the admin's "Jury scores"; which cycles each may score is the
cycle's own jury list.
"""

from knowledge.roles import ensure_role

# Role keys (knowledge.roles) and the names their groups are given at creation.
SECRETARIAT = "awards_secretariat"
JURY = "awards_jury"
NAMES = {SECRETARIAT: "Awards secretariat", JURY: "Awards jury"}

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


def ensure_award_roles(reset=False):
    """The awards' groups, each made once (knowledge.roles)."""
    groups = {}
    for role, names in ((SECRETARIAT, SECRETARIAT_PERMISSIONS), (JURY, JURY_PERMISSIONS)):
        groups[role], _ = ensure_role(role, NAMES[role], names, reset=reset)
    return groups
