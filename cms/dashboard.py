"""The admin dashboard's "Waiting for you" panel: for each role, what waits for the user.

Each app says what waits in its own domain through the `waiting_for_user` hook: a function of
the request that returns a list of Waiting rows (only those the user may act on). The panel
shows the rows with a count above zero, or says that nothing waits.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.ui.components import Component


@dataclass
class Waiting:
    label: str
    count: int
    url: str


class WaitingPanel(Component):
    name = "waiting_for_you"
    template_name = "cms/admin/waiting_panel.html"
    order = 50  # before Wagtail's own panels

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def rows_for(request):
    rows = []
    for function in hooks.get_hooks("waiting_for_user"):
        rows.extend(Waiting(*row) for row in function(request) if row[1])
    return rows
