"""Small files that inflate to huge ones, made cheaply, and the peak memory of checking them.

The peak is measured with resource.getrusage in a process of its own, so that it is the
check's, not whatever the test run holds already.
"""

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from openpyxl import Workbook

CHUNK = 1 << 20
BASE_DIR = Path(__file__).resolve().parent.parent


class _RepeatingDeflate:
    """A deflate compressor for a stream of identical chunks: each chunk compressed once, then
    repeated (a full flush makes every compressed chunk independent of what came before)."""

    def __init__(self):
        self.blocks = {}

    def compress(self, data):
        if data not in self.blocks:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            self.blocks[data] = compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)
        return self.blocks[data]

    def flush(self):
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush()


@contextmanager
def _repeating_deflate():
    original = zipfile._get_compressor

    def get_compressor(compress_type, compresslevel=None):
        if compress_type == zipfile.ZIP_DEFLATED:
            return _RepeatingDeflate()
        return original(compress_type, compresslevel)

    with mock.patch.object(zipfile, "_get_compressor", get_compressor):
        yield


def xlsx_bomb(inflated_bytes=1 << 30):
    """A workbook whose shared strings inflate to `inflated_bytes` (1 GB: about 1 MB of file)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "self-assessment"
    sheet.append(["code", "criterion", "narrative", "self_rating"])
    sheet.append(["Q1", "", "x", "largely"])
    plain = io.BytesIO()
    book.save(plain)
    output = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(output, "w") as bomb:
        for member in source.infolist():
            if member.filename != "xl/sharedStrings.xml":
                bomb.writestr(member, source.read(member), zipfile.ZIP_DEFLATED)
        strings = zipfile.ZipInfo("xl/sharedStrings.xml")
        strings.compress_type = zipfile.ZIP_DEFLATED
        with _repeating_deflate(), bomb.open(strings, "w") as stream:
            chunk = b"A" * CHUNK
            for _ in range(inflated_bytes // CHUNK):
                stream.write(chunk)
    return output.getvalue()


def xlsx_with_cells(cells):
    """A small workbook whose sheet holds one row of `cells` empty cells."""
    row = "".join(f'<c r="A{n}"/>' for n in range(1, cells + 1)).encode()
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1">' + row + b"</row></sheetData></worksheet>"
    )
    book = Workbook()
    book.active.title = "self-assessment"
    plain = io.BytesIO()
    book.save(plain)
    output = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(output, "w") as crafted:
        for member in source.infolist():
            data = sheet if member.filename == "xl/worksheets/sheet1.xml" else source.read(member)
            crafted.writestr(member.filename, data, zipfile.ZIP_DEFLATED)
    return output.getvalue()


def _png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(width=11_000, height=11_000):
    """A grey PNG of width × height pixels (121 million by default), about 120 KB."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte, then the pixels
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


CHILD = """
import json, os, resource, sys
import django
django.setup()
from django.utils import translation
{imports}
with open(sys.argv[1], "rb") as f:
    data = f.read()
# Linux counts in ru_maxrss the memory of the process that started this one (the test run); a
# process forked from here starts from this one's, as a worker forked from its master does.
read, write = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(read)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with translation.override(sys.argv[2]):
        messages = [str(message) for message in check(data)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = {{"before_kb": before, "peak_kb": peak, "messages": messages}}
    os.write(write, json.dumps(outcome).encode())
    os._exit(0)
os.close(write)
with os.fdopen(read, "rb") as pipe:
    result = json.loads(pipe.read())
os.waitpid(pid, 0)
result["children_peak_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(result))
"""


def check_in_child(imports, path, language="en"):
    """Run `check(data)` (defined by `imports`) on the file at `path` in a process of its own
    with Django set up; its messages and peak resident memory before and after, in kilobytes."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(imports=imports), str(path), language],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
