"""Wagtail's external link chooser, answering a form sent without its address field with the
form's own error: Wagtail's URL field reads the missing value as None and fails (a server
error for any admin user who posts to it directly)."""

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ExternalLinkView


class ExternalLinkChooserView(ExternalLinkView):
    def post(self, request):
        field = f"{self.form_prefix}-url"
        if field not in request.POST:
            request.POST = request.POST.copy()
            request.POST[field] = ""
        return super().post(request)


external_link_chooser = require_admin_access(ExternalLinkChooserView.as_view())
