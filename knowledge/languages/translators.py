"""Translators: one group per content language, whose permissions count only in that language.

Wagtail has no per-language permission. Pages are covered by the page tree: a translator group
holds its page permissions on its language's home page. Translatable snippets are covered by
TranslatorPermissionPolicy, registered for each snippet model, and by the snippet views of
knowledge.taxonomy.viewsets, which check it on the row itself (Wagtail's generic views check only
the model). knowledge.languages.admin_access applies the same rule to wagtail-localize's translation
editor, whose endpoints check snippet permissions by model only.

Key fields (what is the same in every language: synchronised fields and relations to other
translatable rows) are shown to translators but cannot be changed by them (TranslatorFormMixin),
and only those who may start translations may stop one, which would let a translator edit a page
or snippet apart from its source.

A group is a translator group of a language when its GroupRole says so (role TRANSLATORS and the
language's locale); reviewer groups (role TRANSLATION_REVIEWERS) review translations of their
language (knowledge.languages.review) without translating. Their names ("Translators: French",
"Translation reviewers: French") are only those given at creation: an administrator may rename
them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import translation

from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

# Role keys (knowledge.roles) of the translator and reviewer groups.
TRANSLATORS = "translators"
TRANSLATION_REVIEWERS = "translation_reviewers"
TRANSLATOR_GROUP_PREFIX = "Translators: "
REVIEWER_GROUP_PREFIX = "Translation reviewers: "
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
_LANGUAGES_CACHE = "_translator_languages"
_REVIEW_LANGUAGES_CACHE = "_reviewer_languages"
_LOCALES_CACHE = "_translator_locale_ids"
_SUBMIT_CACHE = "_submit_languages"


def translator_group_names(prefix=TRANSLATOR_GROUP_PREFIX):
    """The name given at creation to the translator group (or, with REVIEWER_GROUP_PREFIX, the
    reviewer group) of each content language but the default, by language code."""
    names = dict(settings.LANGUAGES)
    with translation.override("en"):
        return {
            code: f"{prefix}{names.get(code, name)}"
            for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code != settings.LANGUAGE_CODE
        }


def _group_languages(user, role):
    codes = user.groups.filter(role__role=role).values_list("role__locale__language_code")
    return frozenset(code for (code,) in codes if code)


def translator_languages(user):
    """The language codes of the translator groups `user` belongs to (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    languages = getattr(user, _LANGUAGES_CACHE, None)
    if languages is None:
        languages = _group_languages(user, TRANSLATORS)
        setattr(user, _LANGUAGES_CACHE, languages)
    return languages


def reviewer_languages(user):
    """The languages whose translations `user` may review: those of their translator groups and
    of their reviewer groups (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    languages = getattr(user, _REVIEW_LANGUAGES_CACHE, None)
    if languages is None:
        languages = translator_languages(user) | _group_languages(user, TRANSLATION_REVIEWERS)
        setattr(user, _REVIEW_LANGUAGES_CACHE, languages)
    return languages


def submit_languages(user):
    """None when `user` may start and update translations into every language (a superuser, or
    wagtail_localize.submit_translation held outside translator groups); otherwise the languages
    of their translator groups, possibly none."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    languages = getattr(user, _SUBMIT_CACHE, False)
    if languages is False:
        app_label, codename = SUBMIT_TRANSLATION.split(".")
        other_groups = user.groups.exclude(role__role=TRANSLATORS)
        held_elsewhere = Permission.objects.filter(
            Q(user=user) | Q(group__in=other_groups),
            content_type__app_label=app_label,
            codename=codename,
        ).exists()
        if held_elsewhere:
            languages = None
        elif user.has_perm(SUBMIT_TRANSLATION):
            languages = translator_languages(user)
        else:
            languages = frozenset()
        setattr(user, _SUBMIT_CACHE, languages)
    return languages


def _translator_locale_ids(user):
    locale_ids = getattr(user, _LOCALES_CACHE, None)
    if locale_ids is None:
        locales = Locale.objects.filter(language_code__in=translator_languages(user))
        locale_ids = frozenset(locales.values_list("pk", flat=True))
        setattr(user, _LOCALES_CACHE, locale_ids)
    return locale_ids


class TranslatorPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that a permission a user holds only through translator
    groups applies to the rows in those groups' languages.

    Superusers, and users who hold the permission directly or through any other group (Editors,
    Moderators), act on every row.
    """

    def _codenames_held_outside_translator_groups(self, user):
        cache_name = f"_translator_policy_{self.app_label}_{self.model_name}"
        codenames = getattr(user, cache_name, None)
        if codenames is None:
            other_groups = user.groups.exclude(role__role=TRANSLATORS)
            held = Q(user=user) | Q(group__in=other_groups)
            permissions = Permission.objects.filter(held, content_type=self._content_type)
            codenames = frozenset(permissions.values_list("codename", flat=True))
            setattr(user, cache_name, codenames)
        return codenames

    def locale_ids_for(self, user, actions):
        """None when `user` may perform one of `actions` on every row; otherwise the ids of the
        locales whose rows they may perform one of them on (possibly none)."""
        held = [action for action in actions if self.user_has_permission(user, action)]
        if not held:
            return frozenset()
        if user.is_superuser:
            return None
        unrestricted = self._codenames_held_outside_translator_groups(user)
        if unrestricted & self._get_permission_codenames(held):
            return None
        return _translator_locale_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        locale_ids = self.locale_ids_for(user, [action])
        return locale_ids is None or instance.locale_id in locale_ids

    def instances_user_has_any_permission_for(self, user, actions):
        locale_ids = self.locale_ids_for(user, actions)
        queryset = self.model._default_manager.all()
        if locale_ids is None:
            return queryset
        return queryset.filter(locale_id__in=locale_ids)

    def users_with_any_permission_for_instance(self, actions, instance):
        permissions = self._get_permission_objects_for_actions(actions)
        groups = Group.objects.filter(permissions__in=permissions)
        groups = groups.exclude(role__role=TRANSLATORS) | groups.filter(
            role__role=TRANSLATORS, role__locale_id=instance.locale_id
        )
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(user_permissions__in=permissions) | Q(groups__in=groups),
                is_active=True,
            )
            .distinct()
        )


def key_field_names(model):
    """The fields of `model` that are the same in every language: wagtail-localize's synchronised
    fields (a goal's number and colour, a theme's or target's code, a menu's slot and links) and
    relations to other rows (a target's goal), which translation maps to the row of the same key."""
    names = []
    for field in get_translatable_fields(model):
        if isinstance(field, SynchronizedField):
            names.append(field.field_name)
            continue
        model_field = model._meta.get_field(field.field_name)
        if model_field.many_to_one or model_field.one_to_one:
            names.append(field.field_name)
    return names


def lock_key_fields(form, model):
    """Show the key fields of `form` (and of its inline formsets) without letting them change,
    and keep inline items from being added or removed: a translator translates a row, its
    structure is the source's."""
    for name in key_field_names(model):
        if name in form.fields:
            form.fields[name].disabled = True
    for formset in getattr(form, "formsets", {}).values():
        formset.extra = 0
        formset.max_num = formset.initial_form_count()
        formset.validate_max = True
        for child in formset.forms:
            lock_key_fields(child, formset.model)
            if DELETION_FIELD_NAME in child.fields:
                child.fields[DELETION_FIELD_NAME].disabled = True


class TranslatorFormMixin:
    """For an edit view of a translatable snippet: a user whose right to change the row comes
    only from a translator group sees its key fields but cannot change them."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        policy = policy_registry.get_by_type(self.model)
        if isinstance(policy, TranslatorPermissionPolicy):
            if policy.locale_ids_for(self.request.user, ["change"]) is not None:
                lock_key_fields(form, self.model)
        return form


def register_translator_policy(model):
    """Register TranslatorPermissionPolicy for `model`; call it before the model's viewset is
    registered (at the top of wagtail_hooks.py)."""
    register_permission_policy(model, TranslatorPermissionPolicy(model))
