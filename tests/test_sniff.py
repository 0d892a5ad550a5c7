"""File types are told by their bytes: small real samples of each kind, built here."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

import pytest

from api.storage.sniff import ALLOWED_MEDIA_TYPES, DOCX, JPEG, ODT, PDF, PNG, XLSX, Sniffed, sniff

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def content_types(main_part: str, main_type: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )


def zipped(*members: tuple[str, str | bytes], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + b"\xff\xdb\x00\x43\x00" + bytes(64) + b"\xff\xd9"


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx() -> bytes:
    return zipped(
        ("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN)),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document/>"),
    )


def xlsx() -> bytes:
    return zipped(
        ("[Content_Types].xml", content_types("xl/workbook.xml", EXCEL_MAIN)),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
    )


def opendocument(mimetype: str) -> bytes:
    return zipped(
        ("mimetype", mimetype),
        ("content.xml", "<office:document-content/>"),
        ("META-INF/manifest.xml", "<manifest:manifest/>"),
        stored_first=True,
    )


def windows_exe() -> bytes:
    dos = bytearray(b"MZ" + bytes(0x7E))
    dos[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(dos) + b"PE\0\0" + struct.pack("<HH", 0x14C, 1) + bytes(256)


ALLOWED = {
    "pdf": (pdf(), PDF),
    "png": (png(), PNG),
    "jpeg": (jpeg(), JPEG),
    "docx": (docx(), DOCX),
    "xlsx": (xlsx(), XLSX),
    "odt": (opendocument(ODT), ODT),
}

REFUSED = {
    "windows exe": (windows_exe(), "an executable program (Windows PE)"),
    "dos stub": (b"MZ" + bytes(100), "an executable program (DOS or Windows)"),
    "elf": (b"\x7fELF\x02\x01\x01\x00" + bytes(56), "an executable program (ELF)"),
    "mach-o": (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24), "an executable program (Mach-O)"),
    "shell script": (b"#!/bin/sh\nrm -rf ~\n", "a script that can be run as a program"),
    "html": (b"<!DOCTYPE html><html><body><h1>Hi</h1></body></html>", "an HTML page"),
    "html after bom and whitespace": (b"\xef\xbb\xbf \r\n\t<HTML><SCRIPT>alert(1)</SCRIPT>", "an HTML page"),
    "html in utf-16": ("\ufeff<html><body>x</body></html>".encode("utf-16-le"), "an HTML page"),
    "html comment first": (b"<!-- saved page --><div>x</div>", "an HTML page"),
    "svg with script": (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "an SVG image, which can carry scripts",
    ),
    "bare svg": (b'  <SVG width="1"><circle r="1"/></SVG>', "an SVG image, which can carry scripts"),
    "plain zip": (zipped(("readme.txt", "hello")), "a ZIP archive that is not a Word, Excel or OpenDocument text file"),
    "word with macros": (
        zipped(
            (
                "[Content_Types].xml",
                content_types("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            ),
            ("word/document.xml", "<w:document/>"),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        ),
        "an Office file with macros",
    ),
    "opendocument spreadsheet": (
        opendocument("application/vnd.oasis.opendocument.spreadsheet"),
        "a file type that is not allowed (OpenDocument application/vnd.oasis.opendocument.spreadsheet)",
    ),
    "damaged zip": (b"PK\x03\x04" + bytes(40), "a damaged or encrypted ZIP archive"),
    "gif": (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "a file type that is not allowed (image/gif)"),
    "xml": (b'<?xml version="1.0"?><note>hi</note>', "a file type that is not allowed (XML)"),
    "plain text": (b"Dear provider, please find attached...", "a file type that is not allowed"),
    "random bytes": (random.Random(7).randbytes(512), "a file type that is not allowed"),
    "empty": (b"", "an empty file"),
}


def test_allowed_media_types() -> None:
    assert ALLOWED_MEDIA_TYPES == {PDF, DOCX, XLSX, ODT, PNG, JPEG}


@pytest.mark.parametrize("name", ALLOWED)
def test_allowed_types_are_recognised(name: str) -> None:
    data, media_type = ALLOWED[name]
    assert sniff(data) == Sniffed(media_type=media_type)
    assert sniff(data).allowed


@pytest.mark.parametrize("name", REFUSED)
def test_other_files_are_refused_with_a_reason(name: str) -> None:
    data, reason = REFUSED[name]
    result = sniff(data)
    assert result.media_type is None
    assert not result.allowed
    assert result.refusal == reason


def test_a_program_named_like_a_pdf_is_still_a_program() -> None:
    """Only the bytes count: an .exe with a PDF header further in is refused."""
    disguised = windows_exe() + pdf()
    assert sniff(disguised).refusal == "an executable program (Windows PE)"


def test_a_zip_pretending_to_be_a_pdf_is_refused() -> None:
    assert sniff(zipped(("invoice.pdf", pdf()))).refusal == REFUSED["plain zip"][1]
