"""The offline self-assessment workbook (.xlsx): downloaded for a draft application, filled in
without a connection, uploaded back. Columns are keyed by language-independent names; every row
is checked and, if any row is wrong, nothing of the draft changes."""

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from xml import sax

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from .models import EVIDENCE_LANGUAGES, SelfRating

SHEET = "self-assessment"
COLUMNS = ["code", "criterion", "narrative", "self_rating", "data_source", "period", "language"]
REQUIRED = ["code", "narrative", "self_rating"]
MAX_ROWS = 200
MAX_BYTES = 5 * 1024 * 1024
MAX_NARRATIVE = 20_000
# Before openpyxl reads anything: an .xlsx is a zip archive, and a few hundred kilobytes of it
# can inflate to gigabytes (openpyxl keeps the shared strings in memory). A full workbook of
# MAX_ROWS narratives of MAX_NARRATIVE characters stays well within these.
MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
MAX_MEMBERS = 100
# Cells the sheets may hold: openpyxl reads a row's cells all at once, so one row of millions of
# empty cells would fill the memory. The rows above, a few more columns than COLUMNS, and room
# for the instructions and a sheet of the city's own.
MAX_COLUMNS = 26
MAX_CELLS = 3 * (MAX_ROWS + 1) * MAX_COLUMNS


def build(application, language, answers):
    """The workbook of `application` in `language`, with the answers given so far."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for criterion in application.criteria_version.criteria_in(language):
        answer = answers.get(criterion["code"])
        sheet.append(
            [
                criterion["code"],
                criterion["text"],
                answer.narrative if answer else "",
                answer.self_rating if answer else "",
                "",
                "",
                "",
            ]
        )
    for column, width in zip("ABCDEFG", (8, 60, 80, 14, 40, 14, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ratings = DataValidation(type="list", formula1='"' + ",".join(SelfRating.values) + '"')
    languages = DataValidation(
        type="list", formula1='"' + ",".join(code for code, _name in EVIDENCE_LANGUAGES) + '"'
    )
    sheet.add_data_validation(ratings)
    sheet.add_data_validation(languages)
    ratings.add(f"D2:D{MAX_ROWS}")
    languages.add(f"G2:G{MAX_ROWS}")

    help_sheet = book.create_sheet(_("Instructions")[:31])
    lines = [
        _("Fill in the sheet “%(sheet)s” and upload the file on the application's page.")
        % {"sheet": SHEET},
        _("Keep the first row and the codes as they are."),
        _("self_rating: one of %(values)s (%(labels)s).")
        % {
            "values": ", ".join(SelfRating.values),
            "labels": ", ".join(str(label) for label in SelfRating.labels),
        },
        _("data_source, period, language: optional; they add a piece of evidence to the answer."),
        _("language: one of %(values)s.")
        % {"values": ", ".join(code for code, _name in EVIDENCE_LANGUAGES)},
        _("Files cannot go in the workbook: attach them on the platform."),
        _("Empty cells leave what the application already holds."),
    ]
    for line in lines:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@dataclass
class ParsedRow:
    number: int
    code: str
    narrative: str = ""
    self_rating: str = ""
    data_source: str = ""
    period: str = ""
    language: str = ""


@dataclass
class ParseResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _archive_too_large(data):
    """A message if the archive holds too many files or too many bytes once inflated, else "".

    The sizes come from the archive's directory; Python's zipfile never inflates a member
    beyond the size the directory gives, so a lying directory cannot get past this either.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        inflated = sum(member.file_size for member in members)
        if len(members) > MAX_MEMBERS or inflated > MAX_UNCOMPRESSED_BYTES:
            return _(
                "The workbook is too large once unpacked (%(size)s; at most %(limit)s). Upload "
                "the workbook downloaded from this page."
            ) % {"size": filesizeformat(inflated), "limit": filesizeformat(MAX_UNCOMPRESSED_BYTES)}
        sheets = [m for m in members if m.filename.startswith("xl/worksheets/")]
        _count_cells(archive, sheets)
    except TooManyCells:
        return _("The workbook has too many cells (at most %(count)s).") % {"count": MAX_CELLS}
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        RuntimeError,
        sax.SAXException,
    ):
        return _("This is not an .xlsx workbook.")
    return ""


class TooManyCells(Exception):
    pass


class _CellCounter(sax.handler.ContentHandler):
    """Counts the cells of sheets as their XML streams by, keeping none of it."""

    def __init__(self):
        super().__init__()
        self.cells = 0

    def startElementNS(self, name, qname, attrs):
        if name[1] == "c":
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise TooManyCells


def _count_cells(archive, sheets):
    counter = _CellCounter()
    for member in sheets:
        parser = sax.make_parser()
        parser.setFeature(sax.handler.feature_namespaces, True)
        parser.setFeature(sax.handler.feature_external_ges, False)
        parser.setContentHandler(counter)
        with archive.open(member) as stream:
            parser.parse(stream)
    return counter.cells


def parse(upload, application):
    """Rows of the uploaded workbook, or the list of what is wrong (each naming its row)."""
    result = ParseResult()
    if upload.size > MAX_BYTES:
        result.errors.append(_("The workbook is too large."))
        return result
    data = upload.read()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        result.errors.append(_("This is not an .xlsx workbook."))
        return result
    too_large = _archive_too_large(data)
    if too_large:
        result.errors.append(too_large)
        return result
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile):
        result.errors.append(_("This is not an .xlsx workbook."))
        return result
    if SHEET not in book.sheetnames:
        result.errors.append(_("The workbook has no sheet named “%(sheet)s”.") % {"sheet": SHEET})
        return result
    sheet = book[SHEET]
    # The sheet's declared size (its dimension); rows past the cap are refused below anyway.
    if (sheet.max_row or 0) > MAX_ROWS + 1 or (sheet.max_column or 0) > MAX_COLUMNS:
        result.errors.append(
            _("The sheet is too large: at most %(rows)s rows and %(columns)s columns.")
            % {"rows": MAX_ROWS + 1, "columns": MAX_COLUMNS}
        )
        return result
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = [_text(value).lower() for value in next(rows, ())]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.errors.extend(
            _("The column “%(column)s” is missing from the first row.") % {"column": name}
            for name in missing
        )
        return result
    position = {name: header.index(name) for name in COLUMNS if name in header}
    codes = set(application.criteria_version.codes)
    languages = {code for code, _name in EVIDENCE_LANGUAGES}
    seen = set()
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            result.errors.append(_("The workbook has too many rows."))
            break
        cell = {name: _text(values[i]) if i < len(values) else "" for name, i in position.items()}
        if not any(cell.values()):
            continue
        row = ParsedRow(number=number, code=cell["code"].upper())
        for name in ("narrative", "self_rating", "data_source", "period", "language"):
            setattr(row, name, cell.get(name, ""))
        row.self_rating = row.self_rating.lower()
        row.language = row.language.lower()
        errors = []
        if row.code not in codes:
            errors.append(
                _("Row %(row)s: “%(code)s” is not a criterion of this application.")
                % {"row": number, "code": cell["code"]}
            )
        elif row.code in seen:
            errors.append(
                _("Row %(row)s: the criterion %(code)s appears twice.")
                % {"row": number, "code": row.code}
            )
        seen.add(row.code)
        if row.self_rating and row.self_rating not in SelfRating.values:
            errors.append(
                _("Row %(row)s: “%(value)s” is not a self-rating; use one of %(values)s.")
                % {
                    "row": number,
                    "value": cell["self_rating"],
                    "values": ", ".join(SelfRating.values),
                }
            )
        if len(row.narrative) > MAX_NARRATIVE:
            errors.append(
                _("Row %(row)s: the narrative is longer than %(max)s characters.")
                % {"row": number, "max": MAX_NARRATIVE}
            )
        if (row.data_source or row.period) and row.language not in languages:
            errors.append(
                _("Row %(row)s: give the language of the evidence, one of %(values)s.")
                % {"row": number, "values": ", ".join(sorted(languages))}
            )
        if (row.period or row.language) and not row.data_source:
            errors.append(_("Row %(row)s: give the data source of the evidence.") % {"row": number})
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append(_("The workbook holds no answer."))
    return result
