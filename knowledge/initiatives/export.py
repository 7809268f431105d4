"""The initiatives database as it is filtered on screen, downloaded as CSV or XLSX.

/<lang>/initiatives/export/csv/?sdg=11&theme=water… (and export/xlsx/) take the listing's own
parameters (knowledge.initiatives.listing.select: the same filters, keywords, sort and 400
message), list
the same initiatives in the page's language, and have the columns of the open-data files
(knowledge.opendata.files.CSV_COLUMNS, filled by its page_rows).

Size: at most EXPORT_MAX_ROWS initiatives (the newest, or the first by title, as sorted), read
EXPORT_CHUNK_SIZE at a time; the CSV streams, the XLSX is written row by row (openpyxl's
write-only mode). The complete database of every language stays the open-data download.

Cells that begin with =, +, -, @ (or a tab or carriage return) get a leading apostrophe, so a
spreadsheet program shows them as text instead of running them as formulas.
"""

import csv
import io

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse

from openpyxl import Workbook

from ..base import cache_tags
from ..models import InitiativePage
from ..opendata.files import CSV_COLUMNS, page_rows
from ..query.parameters import FilterError
from .listing import SORTS, select, sort_of

__all__ = [
    "FilterError",
    "csv_response",
    "export_view",
    "exported_initiatives",
    "xlsx_response",
]

EXPORT_MAX_ROWS = 10_000
EXPORT_CHUNK_SIZE = 500
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """`value` as a spreadsheet cell: text that a spreadsheet would read as a formula is
    prefixed with an apostrophe; numbers and other text are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def exported_initiatives(query, locale):
    """The initiatives the listing shows for `query` in `locale`, in its order, capped.
    Raises FilterError (knowledge.query.parameters) as the listing does."""
    _filters, _base, selected = select(query, locale)
    cache_tags.add(cache_tags.list_tag(InitiativePage))
    return (
        selected.select_related("locale", "city")
        .prefetch_related("sdgs", "targets", "themes")
        .order_by(*SORTS[sort_of(query)])[:EXPORT_MAX_ROWS]
    )


def rows(pages):
    """The header, then one list of safe cells per initiative."""
    yield list(CSV_COLUMNS)
    for row in page_rows(pages.iterator(chunk_size=EXPORT_CHUNK_SIZE)):
        yield [safe_cell(row[column]) for column in CSV_COLUMNS]


class _Echo:
    def write(self, value):
        return value


def csv_response(pages, filename):
    """A streamed UTF-8 CSV (with a byte order mark, as the open-data file)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows(pages):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(pages, filename, title):
    """An XLSX workbook of one sheet named `title`."""
    workbook = Workbook(write_only=True)
    # Sheet names: at most 31 characters, none of []:*?/\
    sheet = workbook.create_sheet(title="".join(c for c in title if c not in "[]:*?/\\")[:31])
    for row in rows(pages):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_view(request, index, kind):
    """export/csv/ and export/xlsx/ of the initiatives database `index`: what it lists for the
    same parameters (InitiativeIndexPage's routes)."""
    try:
        pages = exported_initiatives(request.GET, index.locale)
    except FilterError as error:
        # As the listing and the feeds: 400 with the message (cms.middleware's error page).
        message = str(error)
        response = HttpResponseBadRequest()
        response.error_message = lambda: message
        return response
    filename = f"initiatives-{index.locale.language_code}"
    if kind == "csv":
        return csv_response(pages, filename)
    return xlsx_response(pages, filename, index.title)
