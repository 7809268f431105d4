"""Read the QR code back out of a certificate PDF.

segno draws the QR code as an SVG of horizontal strokes, one per run of dark modules
(certification.certificate_pdf.qr_svg, scale 4, border 2); WeasyPrint keeps them as vector
strokes in the PDF, in module units after a `4 0 0 4 0 0 cm`. Reading each stroke's row and
columns gives the symbol's module matrix, which is compared with segno's encoding of the
address: the same matrix is the same encoded data (same version, error level and mask)."""

import io
import re

import segno
from pypdf import PdfReader

BORDER = 2
STROKE = re.compile(rb"([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\n")


def qr_matrix_in_pdf(pdf):
    """The module matrix (tuple of rows of 0/1) of the QR code on the PDF's first page."""
    data = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    start = data.index(b"4 0 0 4 0 0 cm\n")
    # The path ends where it is painted (stroked, or filled and stroked).
    end = re.compile(rb"\n(S|B)\n").search(data, start).start()
    runs = []
    for x1, y1, x2, y2 in STROKE.findall(data[start : end + 1]):
        assert y1 == y2  # horizontal runs only
        runs.append(
            (int(float(y1) - 0.5) - BORDER, int(float(x1)) - BORDER, int(float(x2)) - BORDER)
        )
    size = max(row for row, _a, _b in runs) + 1
    matrix = [[0] * size for _ in range(size)]
    for row, first, last in runs:
        for column in range(first, last):
            matrix[row][column] = 1
    return tuple(tuple(row) for row in matrix)


def qr_matrix_of(url):
    """segno's module matrix of `url`, as the certificate encodes it."""
    qr = segno.make(url, error="m", micro=False)
    return tuple(tuple(int(bool(module)) for module in row) for row in qr.matrix)
