"""Roles: each group created once, then the administrator's.

A role's group is made, with its default permissions, the first time the role is set up (after
the first `migrate`, or by `manage.py setup_roles`); from then on nothing re-applies them, so
permissions an administrator adds or removes, a renamed group and a changed workflow stay as
they are. `manage.py setup_roles --reset` puts the defaults back. A deleted group is made again
at the next set-up. Groups are found through GroupRole (models/roles.py), never by name; the
names below are only those given at creation.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.snippets.models import create_extra_permissions

from .languages.translators import TRANSLATION_REVIEWERS, TRANSLATORS  # noqa: F401 - keys
from .models import GroupRole

MODERATORS = "moderators"


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_permissions_exist():
    """Every app's permissions, Wagtail's extra ones included (publish and lock on snippets with a
    draft state): `setup_roles` may run on a database whose post_migrate did not finish."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
        create_extra_permissions(app_config)


# Each app's role set-up, registered from its AppConfig.ready() (register_role_setup): run together
# once after each migrate and by `manage.py setup_roles`.
ROLE_SETUPS = []


def register_role_setup(setup):
    """Run `setup(reset=…)` with the other apps' after each migrate and from `setup_roles`."""
    if setup not in ROLE_SETUPS:
        ROLE_SETUPS.append(setup)


def set_up_roles(reset=False):
    """Every app's roles: groups made where missing; with `reset`, their defaults applied again."""
    ensure_permissions_exist()
    for setup in ROLE_SETUPS:
        setup(reset=reset)


def set_up_roles_after_migrate(sender, **kwargs):
    """post_migrate is sent to each app with models in turn, and each app's permissions are made
    at its turn: the roles are set up once, at the last app's turn."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and sender is with_models[-1]:
        set_up_roles()


def role_group(role, locale=None):
    """The group holding `role` (in `locale`, for the roles held per language), or None."""
    link = GroupRole.objects.filter(role=role, locale=locale).select_related("group").first()
    return link.group if link is not None else None


def role_groups(*roles):
    """The groups holding any of `roles`, in any language."""
    return Group.objects.filter(role__role__in=roles)


def _free_name(name):
    """`name`, or `name (2)`…, so that a new role's group never takes over another's group."""
    candidate, number = name, 1
    while Group.objects.filter(name=candidate).exclude(role=None).exists():
        number += 1
        candidate = f"{name} ({number})"[:150]
    return candidate


@transaction.atomic
def ensure_role(
    role,
    name,
    permissions=(),
    *,
    locale=None,
    pages=(),
    page_permissions=(),
    collection_permissions=(),
    setup=None,
    reset=False,
):
    """The group of `role`; created with its defaults when the role has none yet.

    A group named `name` without a role (Wagtail's own Moderators and Editors, or a database
    from before roles were recorded) is adopted. `pages` get `page_permissions` (codenames such
    as "change"), the root collection `collection_permissions`; `setup(group, reset)` does the
    rest (a workflow). With `reset`, the model permissions become exactly the defaults and the
    page and collection defaults are added again. Returns (group, created).
    """
    link = GroupRole.objects.filter(role=role, locale=locale).select_related("group").first()
    if link is not None and not reset:
        return link.group, False
    if link is None:
        group = Group.objects.filter(name=name, role=None).first()
        if group is None:
            group = Group.objects.create(name=_free_name(name))
        GroupRole.objects.create(group=group, role=role, locale=locale)
    else:
        group = link.group
    defaults = [permission(dotted) for dotted in permissions]
    if reset:
        group.permissions.set(defaults)
    else:
        group.permissions.add(*defaults)
    kinds = [permission(f"wagtailcore.{kind}_page") for kind in page_permissions]
    for page in pages:
        for kind in kinds:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=kind)
    root = Collection.get_first_root_node()
    if root is not None:
        for dotted in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission(dotted)
            )
    if setup is not None:
        setup(group, reset)
    return group, True
