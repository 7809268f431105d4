"""The translation desk: what there is to do in one language, with links straight to the work.

Sections, each a count and the first items:
- missing: live pages of the default language with no page in this language (aliases count as
  missing), and rows of the translatable snippets the user may change with no row here;
  pages and the reviewed snippets (knowledge.translation_review.reviewed_snippet_models) count in
  the other sections alike, except out of date (pages only);
- out of date: translations whose source was published after they last took its text (the same
  rule as the API's translation_status, knowledge.translation_state);
- in progress: translations not live, with unpublished changes, not saved since their source
  text was updated, or sent back with changes requested;
- awaiting review: translations in the translation review workflow (knowledge.translation_review);
- recently published: translations published in the last RECENT_DAYS days.
A translation is in one of out of date, in progress and awaiting review at most (in that order of
precedence: review first). The number of queries does not depend on the number of pages.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from .review import review_workflow, reviewed_snippet_models
from .state import translation_states
from .translators import reviewer_languages, submit_languages

SHOWN = 50
RECENT_DAYS = 30
SECTIONS = {
    "missing": _("Missing in this language"),
    "out_of_date": _("Out of date"),
    "in_progress": _("In progress"),
    "awaiting_review": _("Awaiting review"),
    "recently_published": _("Recently published"),
}


@dataclass
class Item:
    title: str
    url: str  # where the work is done
    action: str  # what the link does
    detail: str = ""


@dataclass
class Section:
    code: str
    label: str
    count: int = 0
    items: list = field(default_factory=list)

    def add(self, item):
        self.count += 1
        if len(self.items) < SHOWN:
            self.items.append(item)


def desk_languages(user):
    """The languages whose desk `user` sees: those they translate or review, or every language
    but the default for whoever starts translations into any language."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    if submit_languages(user) is None:
        return others
    allowed = reviewer_languages(user) | (submit_languages(user) or frozenset())
    return [code for code in others if code in allowed]


def translation_desk(user, language_code):
    """{section code: Section} for `language_code`."""
    locale = Locale.objects.get(language_code=language_code)
    sections = {code: Section(code, str(label)) for code, label in SECTIONS.items()}
    _missing_pages(sections["missing"], locale)
    _missing_snippets(sections["missing"], locale, user)
    _translated_pages(sections, locale)
    for model in reviewed_snippet_models():
        _translated_snippets(sections, locale, model)
    return sections


def _translate_url(name, args, locale):
    return f"{reverse(name, args=args)}?select_locale={locale.language_code}"


def _missing_pages(section, locale):
    default = Locale.get_default()
    here = Page.objects.filter(locale=locale, alias_of__isnull=True).values("translation_key")
    missing = (
        Page.objects.live()
        .filter(locale=default, depth__gt=1)
        .exclude(translation_key__in=here)
        .order_by("-last_published_at", "pk")
    )
    section.count += missing.count()
    for page in missing.only("pk", "title")[:SHOWN]:
        url = _translate_url("wagtail_localize:submit_page_translation", [page.pk], locale)
        section.items.append(Item(page.title, url, str(_("Translate"))))


def _missing_snippets(section, locale, user):
    default = Locale.get_default()
    for model in get_snippet_models():
        if not issubclass(model, TranslatableMixin):
            continue
        if not policy_registry.get_by_type(model).user_has_permission(user, "change"):
            continue
        here = model.objects.filter(locale=locale).values("translation_key")
        missing = model.objects.filter(locale=default).exclude(translation_key__in=here)
        count = missing.count()
        section.count += count
        if not count or len(section.items) >= SHOWN:
            continue
        meta = model._meta
        for row in missing.order_by("pk")[: SHOWN - len(section.items)]:
            url = _translate_url(
                "wagtail_localize:submit_snippet_translation",
                [meta.app_label, meta.model_name, quote(row.pk)],
                locale,
            )
            title = f"{meta.verbose_name}: {row}"
            section.items.append(Item(title, url, str(_("Translate"))))


def _translated_pages(sections, locale):
    translations = Translation.objects.filter(target_locale=locale, enabled=True)
    by_key = {t.source.object_id: t for t in translations.select_related("source")}
    translated = Page.objects.filter(
        locale=locale, translation_key__in=translations.values("source__object_id")
    )
    pages = list(translated.select_related("locale").order_by("title", "pk"))
    states = translation_states(pages)
    workflow = review_workflow()
    page_keys = translated.annotate(key=Cast("pk", CharField())).values("key")
    in_workflow = {
        int(state.object_id): state
        for state in WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_keys,
        )
    }
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    published = []
    for page in pages:
        translation = by_key.get(page.translation_key)
        if translation is None:
            continue
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        workflow_state = in_workflow.get(page.pk)
        state = states.get(page.pk)
        if (
            workflow_state is not None
            and workflow is not None
            and workflow_state.workflow_id == workflow.pk
            and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        ):
            url = reverse("knowledge_translation_review", args=[page.pk])
            sections["awaiting_review"].add(Item(page.title, url, str(_("Review"))))
        elif state is not None and not state.up_to_date:
            url = reverse("wagtail_localize:update_translations", args=[state.source_id])
            sections["out_of_date"].add(Item(page.title, url, str(_("Update from the source"))))
        elif _in_progress(page, translation, workflow_state):
            detail = ""
            if workflow_state is not None and workflow_state.status == "needs_changes":
                detail = str(_("Changes requested"))
            sections["in_progress"].add(Item(page.title, edit_url, str(_("Translate")), detail))
        if page.live and page.last_published_at and page.last_published_at >= recent:
            published.append(page)
    published.sort(key=lambda page: page.last_published_at, reverse=True)
    for page in published:
        sections["recently_published"].add(Item(page.title, page.url or "", str(_("View live"))))


def _translated_snippets(sections, locale, model):
    """The translations of one reviewed snippet model in `locale` (three queries)."""
    sources = Translation.objects.filter(target_locale=locale, enabled=True)
    rows = list(
        model.objects.filter(
            locale=locale, translation_key__in=sources.values("source__object_id")
        ).order_by("pk")
    )
    if not rows:
        return
    states = {
        state.object_id: state
        for state in WorkflowState.objects.active().filter(
            base_content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(row.pk) for row in rows],
        )
    }
    workflow = review_workflow()
    meta = model._meta
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    for row in rows:
        args = [meta.app_label, meta.model_name, quote(row.pk)]
        title = f"{meta.verbose_name}: {row}"
        state = states.get(str(row.pk))
        if (
            state is not None
            and workflow is not None
            and state.workflow_id == workflow.pk
            and state.status == WorkflowState.STATUS_IN_PROGRESS
        ):
            url = reverse("knowledge_snippet_translation_review", args=args)
            sections["awaiting_review"].add(Item(title, url, str(_("Review"))))
        elif state is not None or not row.live or row.has_unpublished_changes:
            detail = ""
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                detail = str(_("Changes requested"))
            url = reverse(row.snippet_viewset.get_url_name("edit"), args=[args[2]])
            sections["in_progress"].add(Item(title, url, str(_("Translate")), detail))
        if row.live and row.last_published_at and row.last_published_at >= recent:
            url = reverse(row.snippet_viewset.get_url_name("edit"), args=[args[2]])
            sections["recently_published"].add(Item(title, url, str(_("View"))))


def _in_progress(page, translation, workflow_state):
    """Not live, with unpublished changes, sent back, or not saved since its source text was
    last updated (wagtail-localize's own timestamps of the target are never set)."""
    if workflow_state is not None or not page.live or page.has_unpublished_changes:
        return True
    saved = page.latest_revision_created_at
    return saved is None or translation.source.last_updated_at > saved


def desk_counts(user):
    """[(language code, language name, {section code: count})] of the languages `user`
    translates or reviews."""
    names = dict(settings.LANGUAGES)
    languages = reviewer_languages(user)
    rows = []
    for code in desk_languages(user):
        if code not in languages:
            continue
        sections = translation_desk(user, code)
        rows.append((code, names[code], {key: section.count for key, section in sections.items()}))
    return rows
