"""What a file really is, from its bytes; never from its name.

Only a few document types are accepted. Everything else is refused with a
reason a person can read, and the dangerous kinds (programs, web pages, SVG)
are named explicitly.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass

import filetype

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
ALLOWED_MEDIA_TYPES = frozenset({PDF, DOCX, XLSX, ODT, PNG, JPEG})

NOT_ALLOWED = "a file type that is not allowed"
OTHER_ZIP = "a ZIP archive that is not a Word, Excel or OpenDocument text file"
_TEXT_HEAD = 1024
_MAX_MEMBER_READ = 64 * 1024
_HTML_START = re.compile(
    rb"<!--|<(!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>/]"
)
_SVG_START = re.compile(rb"<svg[\s>/]|<!doctype\s+svg")
_XML_START = re.compile(rb"<\?xml[\s?]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")


@dataclass(frozen=True)
class Sniffed:
    """An allowed ``media_type``, or a ``refusal`` saying what the file is instead."""

    media_type: str | None = None
    refusal: str | None = None

    @property
    def allowed(self) -> bool:
        return self.media_type is not None


def sniff(data: bytes) -> Sniffed:
    """Identify ``data``. Pass the whole file: Office formats are checked by their ZIP contents."""
    if not data:
        return Sniffed(refusal="an empty file")
    program = _executable(data)
    if program:
        return Sniffed(refusal=f"an executable program ({program})")
    if data.startswith(b"#!"):
        return Sniffed(refusal="a script that can be run as a program")
    if data.startswith(b"%PDF-"):
        return Sniffed(PDF)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed(PNG)
    if data.startswith(b"\xff\xd8\xff"):
        return Sniffed(JPEG)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(data)
    markup = _markup(data)
    if markup:
        return Sniffed(refusal=markup)
    kind = filetype.guess(data)
    if kind is not None:
        return Sniffed(refusal=f"{NOT_ALLOWED} ({kind.mime})")
    return Sniffed(refusal=NOT_ALLOWED)


def _executable(data: bytes) -> str | None:
    if data.startswith(b"MZ"):
        offset = int.from_bytes(data[0x3C:0x40], "little") if len(data) >= 0x40 else -1
        return "Windows PE" if 0 <= offset and data[offset : offset + 4] == b"PE\0\0" else "DOS or Windows"
    if data.startswith(b"\x7fELF"):
        return "ELF"
    if data.startswith(_MACHO):
        return "Mach-O"
    if data.startswith(b"\xca\xfe\xba\xbe"):
        return "Mach-O universal binary or Java class"
    return None


def _markup(data: bytes) -> str | None:
    """HTML and SVG, which a browser could run scripts from; other XML is simply not allowed."""
    head = _text_head(data)
    if head is None:
        return None
    if _SVG_START.match(head) or (_XML_START.match(head) and b"<svg" in head):
        return "an SVG image, which can carry scripts"
    if _HTML_START.match(head) or (_XML_START.match(head) and b"<html" in head):
        return "an HTML page"
    if _XML_START.match(head):
        return f"{NOT_ALLOWED} (XML)"
    return None


def _text_head(data: bytes) -> bytes | None:
    """The first KB as lower-case ASCII-ish bytes, after any BOM and leading whitespace."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) : len(bom) + 4 * _TEXT_HEAD].decode(encoding, "ignore")
            return text.lstrip()[:_TEXT_HEAD].lower().encode("utf-8", "ignore")
    return data[:_TEXT_HEAD].lstrip(b" \t\r\n\f").lower()


def _zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                mimetype = _member(archive, "mimetype").strip()
                if mimetype == ODT.encode():
                    return Sniffed(ODT)
                return Sniffed(refusal=f"{NOT_ALLOWED} (OpenDocument {mimetype.decode('ascii', 'replace')})")
            if "[Content_Types].xml" not in names:
                return Sniffed(refusal=OTHER_ZIP)
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return Sniffed(refusal="an Office file with macros")
            content_types = _member(archive, "[Content_Types].xml").lower()
            if b"macroenabled" in content_types:
                return Sniffed(refusal="an Office file with macros")
            if "word/document.xml" in names:
                return Sniffed(DOCX)
            if "xl/workbook.xml" in names:
                return Sniffed(XLSX)
            return Sniffed(refusal=OTHER_ZIP)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return Sniffed(refusal="a damaged or encrypted ZIP archive")


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(_MAX_MEMBER_READ)
