"""Bar charts of initiatives per goal and per region, drawn as SVG on the server.

Each chart is an image with a title and a description for screen readers, and the same figures
in a table beside it. Counting is one GROUP BY query per chart. In a right-to-left language the
bars grow from the right and the labels sit on the right.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from ..base.regions import Region

WIDTH = 640
LABEL_WIDTH = 250
VALUE_SPACE = 40
ROW = 26
BAR = 18
TOP = 4


@dataclass
class Bar:
    label: str
    count: int
    url: str
    colour: str
    # Geometry, filled in by layout().
    bar_x: float = 0.0
    bar_width: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    value_x: float = 0.0

    @property
    def text_y(self):
        return self.y + BAR / 2


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    label_header: str
    bars: list
    width: int = WIDTH
    height: int = 0


def layout(chart):
    """Place the bars: labels on the reading side, bars growing away from them."""
    rtl = get_language_bidi()
    largest = max((bar.count for bar in chart.bars), default=0) or 1
    space = WIDTH - LABEL_WIDTH - VALUE_SPACE
    for position, bar in enumerate(chart.bars):
        bar.y = TOP + position * ROW
        bar.bar_width = round(space * bar.count / largest, 1)
        if rtl:
            edge = WIDTH - LABEL_WIDTH
            bar.bar_x = edge - bar.bar_width
            bar.label_x = edge + 8
            bar.value_x = bar.bar_x - 6
        else:
            bar.bar_x = LABEL_WIDTH
            bar.label_x = LABEL_WIDTH - 8
            bar.value_x = LABEL_WIDTH + bar.bar_width + 6
    chart.height = TOP * 2 + len(chart.bars) * ROW
    return chart


def _describe(bars, sentence):
    """`sentence` (with %(label)s and %(count)s) about the largest bar."""
    top = max(bars, key=lambda bar: bar.count, default=None)
    if top is None or not top.count:
        return _("No initiative yet.")
    return sentence % {"label": top.label, "count": top.count}


def goal_counts(initiatives):
    """{goal number: how many of `initiatives` (a queryset) work towards it}, in one query."""
    rows = (
        initiatives.order_by()  # no ordering, or it would split the groups
        .values("sdgs__number")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["sdgs__number"]: row["count"] for row in rows if row["sdgs__number"]}


def per_goal(counts, taxonomy, listing=None):
    """Initiatives per goal, for the 17 goals in order; `counts` as goal_counts() gives them."""
    bars = [
        Bar(
            label=f"{number}. {goal.short_title}",
            count=counts.get(number, 0),
            url=f"{listing}?sdg={number}" if listing else "",
            colour=goal.color,
        )
        for number, goal in sorted(taxonomy.goals.items())
    ]
    return layout(
        BarChart(
            chart_id="chart-goals",
            title=_("Initiatives per goal"),
            description=_describe(
                bars,
                _("Initiatives working towards each goal; the most: %(label)s (%(count)s)."),
            ),
            label_header=_("Goal"),
            bars=bars,
        )
    )


def per_region(initiatives, listing=None, query=""):
    """Initiatives per UN region, every region listed. `query` keeps a filter in the links."""
    rows = initiatives.order_by().values("city__region").annotate(count=Count("pk", distinct=True))
    counts = {row["city__region"]: row["count"] for row in rows if row["city__region"]}
    prefix = f"{query}&" if query else ""
    bars = [
        Bar(
            label=str(region.label),
            count=counts.get(region.value, 0),
            url=f"{listing}?{prefix}region={region.value}" if listing else "",
            colour="",
        )
        for region in Region
    ]
    bars.sort(key=lambda bar: (-bar.count, bar.label.casefold()))
    return layout(
        BarChart(
            chart_id="chart-regions",
            title=_("Initiatives per region"),
            description=_describe(
                bars, _("Initiatives in each UN region; the most: %(label)s (%(count)s).")
            ),
            label_header=_("Region"),
            bars=bars,
        )
    )
