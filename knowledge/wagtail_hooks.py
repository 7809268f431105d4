from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import SDGTarget, SustainableDevelopmentGoal, Theme
from .translators import register_translator_policy
from .viewsets import KnowledgeViewSetGroup

# Policies first: registering a viewset creates a default policy for a model that has none.
for model in (SustainableDevelopmentGoal, SDGTarget, Theme):
    register_translator_policy(model)
register_snippet(KnowledgeViewSetGroup)


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    actions.register_action(
        "knowledge.decline", _("Decline initiative"), _("Initiative declined for good")
    )
    actions.register_action(
        "knowledge.registration_approved", _("Approve registration"), _("Registration approved")
    )
    actions.register_action(
        "knowledge.registration_declined", _("Decline registration"), _("Registration declined")
    )


@hooks.register("register_admin_urls")
def register_registration_urls():
    from django.urls import include, path

    from .admin_views import urlpatterns

    return [path("registrations/", include((urlpatterns, "knowledge_registrations")))]


@hooks.register("register_admin_menu_item")
def register_registration_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    class RegistrationsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("knowledge.change_registration")

    return RegistrationsMenuItem(
        _("Registrations"), reverse("knowledge_registrations:index"), icon_name="user", order=350
    )


@hooks.register("register_admin_urls")
def register_comment_urls():
    from django.urls import include, path

    from .interaction.admin_views import urlpatterns

    return [path("comments/", include((urlpatterns, "knowledge_comments")))]


@hooks.register("register_admin_menu_item")
def register_comment_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    from .interaction.services import MODERATE_PERMISSION, queue_counts
    from .models import InitiativeComment

    class CommentsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(MODERATE_PERMISSION)

        def render_component(self, request):
            # The label carries how many comments wait for a moderator.
            counts = queue_counts()
            waiting = counts[InitiativeComment.Status.PENDING]
            waiting += counts[InitiativeComment.Status.REPORTED]
            component = super().render_component(request)
            if waiting:
                component.label = _("Comments (%(count)s)") % {"count": waiting}
            return component

    return CommentsMenuItem(
        _("Comments"), reverse("knowledge_comments:index"), icon_name="comment", order=360
    )
