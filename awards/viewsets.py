"""Admin screens of the awards, grouped under "Awards" in the menu: the programmes (translatable
snippets) and cycles kept by the secretariat, the nominations where the secretariat marks
finalists and winners, and the jurors' scores."""

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.taxonomy.viewsets import UserLanguageIndexView

from . import permissions
from .forms import CycleForm, RankForm, ScoreForm
from .models import AwardCycle, AwardProgramme, Nomination, Score


class ProgrammeViewSet(SnippetViewSet):
    model = AwardProgramme
    index_view_class = UserLanguageIndexView
    icon = "tag"
    menu_label = _("Award programmes")
    list_display = ["name", "code", "organiser", "locale"]


class CycleViewSet(ModelViewSet):
    name = "award_cycles"
    url_prefix = "awards/cycles"
    model = AwardCycle
    icon = "date"
    menu_label = _("Award cycles")
    list_display = ["__str__", "status", "closes_on", "decision_on", "results_published"]
    list_filter = ["status", "year"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CycleForm


class NominationIndexView(IndexView):
    """Every nomination; for the secretariat with its number of scores and mean total (jurors
    read the nominations and their statements, never the others' scores)."""

    SCORE_COLUMNS = ("score_count", "mean_total")

    @cached_property
    def columns(self):
        columns = super().columns
        if permissions.is_secretariat(self.request.user):
            return columns
        return [column for column in columns if column.name not in self.SCORE_COLUMNS]

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("initiative", "cycle__programme")
        if not permissions.is_secretariat(self.request.user):
            return queryset
        return queryset.annotate(
            score_count=Count("scores"),
            mean_total=Avg(
                F("scores__impact") + F("scores__replicability") + F("scores__sdg_alignment")
            ),
        )


class NominationPolicy(ModelPermissionPolicy):
    """Nominations are made by cities' members on the site, never added in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Nomination, NominationPolicy(Nomination), exact_class=True)


class NominationViewSet(ModelViewSet):
    name = "award_nominations"
    url_prefix = "awards/nominations"
    model = Nomination
    icon = "pick"
    menu_label = _("Nominations")
    index_view_class = NominationIndexView
    copy_view_enabled = False
    list_display = [
        "initiative",
        "cycle",
        Column("score_count", label=_("Scores")),
        Column("mean_total", label=_("Mean total (3–15)")),
        "rank",
    ]
    list_filter = ["cycle", "rank"]
    inspect_view_enabled = True
    inspect_view_fields = ["cycle", "initiative", "statement", "nominated_by", "created_at", "rank"]

    def get_form_class(self, for_update=False):
        return RankForm


class VisibleScoresMixin:
    """A score opened by its address only if the user may see it (permissions.visible_scores)."""

    def get_object(self, *args):
        score = super().get_object(*args)
        if not permissions.visible_scores(self.request.user).filter(pk=score.pk).exists():
            raise PermissionDenied
        return score


class ScoreIndexView(IndexView):
    def get_base_queryset(self):
        return (
            permissions.visible_scores(self.request.user)
            .select_related("nomination__initiative", "nomination__cycle__programme", "juror")
            .order_by("nomination_id", "juror_id")
        )


class ScoreEditView(VisibleScoresMixin, EditView):
    """Jurors change their own scores while the jury is at work, never another's."""

    def get_object(self, *args):
        score = super().get_object(*args)
        if score.juror_id != self.request.user.pk or not permissions.may_score(
            self.request.user, score.nomination
        ):
            raise PermissionDenied
        return score


class ScoreHistoryView(VisibleScoresMixin, history.HistoryView):
    pass


class ScoreUsageView(VisibleScoresMixin, usage.UsageView):
    pass


class ScoreViewSet(ModelViewSet):
    name = "award_scores"
    url_prefix = "awards/scores"
    model = Score
    icon = "form"
    menu_label = _("Jury scores")
    index_view_class = ScoreIndexView
    edit_view_class = ScoreEditView
    history_view_class = ScoreHistoryView
    usage_view_class = ScoreUsageView
    copy_view_enabled = False
    list_display = ["nomination", "juror", "impact", "replicability", "sdg_alignment", "total"]
    list_filter = ["nomination__cycle"]

    def get_form_class(self, for_update=False):
        return ScoreForm


class AwardsViewSetGroup(SnippetViewSetGroup):
    items = (ProgrammeViewSet, CycleViewSet, NominationViewSet, ScoreViewSet)
    menu_icon = "tag"
    menu_label = _("Awards")
    menu_name = "awards"
