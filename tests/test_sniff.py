"""File types are told by their bytes: small real samples of each kind, built here."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable

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


# -- hostile files: active PDFs, polyglots, archive bombs ------------------------------------------------


def pdf_with(*objects: bytes, tail: bytes = b"") -> bytes:
    """A small PDF whose catalogue is followed by ``objects`` (numbered from 3)."""
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, obj) for number, obj in enumerate(objects, start=3))
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" + body + b"trailer<</Root 1 0 R>>\n%%EOF\n" + tail
    )


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<<%s/Length %d>>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream(objects: bytes, filters: bytes = b"/Filter/FlateDecode") -> bytes:
    data = zlib.compress(objects) if b"Flate" in filters else objects
    return stream(b"/Type/ObjStm/N 1/First 4" + filters, data)


def png_with(*chunks: tuple[bytes, bytes], after: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    image = png()
    before_end = image[: -len(chunk(b"IEND", b""))]
    return before_end + b"".join(chunk(k, d) for k, d in chunks) + chunk(b"IEND", b"") + after


def noise(size: int) -> bytes:
    """Incompressible bytes without markup, standing in for pixels."""
    return random.Random(size).randbytes(size).replace(b"<", b"=")


def jpeg_with(comment: bytes = b"", after: bytes = b"") -> bytes:
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment if comment else b""
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + noise(6000).replace(b"\xff", b"\xff\x00")
    return jpeg()[:-2] + segment + scan + b"\xff\xd9" + after


def bomb(size: int, *, name: str = "word/document.xml") -> bytes:
    """A DOCX whose document inflates to ``size`` bytes of spaces, written without holding them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN))
        with archive.open(name, "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(size // len(block)):
                member.write(block)
    return buffer.getvalue()


JAVASCRIPT = b"<</Type/Action/S/JavaScript/JS(app.alert(1))>>"

HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "pdf opening with javascript": (
        lambda: pdf_with(b"<</Type/Catalog/OpenAction 4 0 R>>", JAVASCRIPT),
        "a PDF with JavaScript (/JavaScript)",
    ),
    "pdf with an escaped javascript name": (
        lambda: pdf_with(b"<</S/J#61vaScript/J#53(app.alert(1))>>"),
        "a PDF with JavaScript (/JavaScript)",
    ),
    "pdf with javascript in a compressed object stream": (
        lambda: pdf_with(object_stream(b"4 0 " + JAVASCRIPT)),
        "a PDF with JavaScript (/JavaScript)",
    ),
    "pdf with javascript in a hex-encoded object stream": (
        lambda: pdf_with(object_stream(JAVASCRIPT.hex().encode() + b">", b"/Filter/ASCIIHexDecode")),
        "a PDF with JavaScript (/JavaScript)",
    ),
    "pdf with javascript behind a string that says stream": (
        lambda: pdf_with(b"(stream\n)", JAVASCRIPT, stream(b"", b"pixels")),
        "a PDF with JavaScript (/JavaScript)",
    ),
    "pdf with a launch action": (
        lambda: pdf_with(b"<</Type/Action/S/Launch/F(cmd.exe)>>"),
        "a PDF with an action that starts a program (/Launch)",
    ),
    "pdf with an attached file": (
        lambda: pdf_with(stream(b"/Type/EmbeddedFile", b"MZ\x90\x00")),
        "a PDF with files attached (/EmbeddedFile)",
    ),
    "pdf with actions that run by themselves": (
        lambda: pdf_with(b"<</Type/Page/AA<</O<</S/URI/URI(https://example.org/)>>>>>>"),
        "a PDF with actions that run by themselves (/AA)",
    ),
    "pdf opening a file on a share": (
        lambda: pdf_with(b"<</S/GoToR/F(\\\\\\\\attacker\\\\share\\\\x.pdf)>>"),
        "a PDF with an action that opens another file (/GoToR)",
    ),
    "pdf whose object stream cannot be read": (
        lambda: pdf_with(object_stream(b"4 0 <<>>", b"/Filter/LZWDecode")),
        "a PDF whose objects cannot be checked (they are compressed unusually)",
    ),
    "pdf whose object stream is encrypted": (
        lambda: pdf_with(stream(b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", noise(200))),
        "a PDF whose objects cannot be checked (encrypted or damaged)",
    ),
    "pdf whose object stream is a bomb": (
        lambda: pdf_with(
            stream(b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", zlib.compress(bytes(80 * 1024 * 1024), 9))
        ),
        "a PDF that inflates past the size limit",
    ),
    "pdf that is also html": (
        lambda: b"%PDF-1.4\n%<html><body><script>alert(document.domain)</script></body></html>\n" + pdf()[9:],
        "a file that is also an HTML page",
    ),
    "pdf with html after its end": (
        lambda: pdf_with(stream(b"", noise(8000)), tail=b"<html><script>alert(1)</script></html>"),
        "a PDF that is also an HTML page",
    ),
    "pdf that is also a zip": (
        lambda: pdf() + zipped(("x.html", "<script>alert(1)</script>")),
        "a file that is also a ZIP archive",
    ),
    "png magic then html": (
        lambda: b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
        "a file that is also an HTML page",
    ),
    "png with html after its end": (
        lambda: png_with((b"IDAT", noise(8000)), after=b"<script>alert(1)</script>"),
        "an image with something else after its end",
    ),
    "png with a zip after its end": (lambda: png() + zipped(("a.txt", "a")), "a file that is also a ZIP archive"),
    "png with html in a text chunk": (
        lambda: png_with((b"IDAT", noise(8000)), (b"tEXt", b"Comment\x00<iframe src=//example.org>")),
        "an image with an HTML page inside",
    ),
    "jpeg with html in a comment": (
        lambda: jpeg_with(noise(5000) + b"<script>alert(1)</script>"),
        "an image with an HTML page inside",
    ),
    "jpeg with html after its end": (
        lambda: jpeg_with(after=b"<html><body onload=alert(1)></body></html>"),
        "an image with an HTML page after its end",
    ),
    "jpeg that is also a pdf": (lambda: jpeg_with(b"%PDF-1.4 1 0 obj"), "a file that is also a PDF"),
    "jpeg without an end": (lambda: jpeg_with()[:-2], "a damaged JPEG image (it has no end)"),
    "docx inflating to 300 MB": (lambda: bomb(300 * 1024 * 1024), "an archive that inflates past 128 MiB"),
    "docx compressed a thousand to one": (
        lambda: bomb(8 * 1024 * 1024),
        "an archive compressed more than 100 to 1 (a decompression bomb)",
    ),
    "docx of too many files": (
        lambda: zipped(
            ("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN)),
            ("word/document.xml", "<w:document/>"),
            *((f"word/media/{i}.xml", "") for i in range(10_000)),
        ),
        "an archive of more than 10000 files",
    ),
    "docx with archives nested two deep": (
        lambda: zipped(
            ("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN)),
            ("word/document.xml", "<w:document/>"),
            (
                "word/embeddings/book.xlsx",
                zipped(("xl/workbook.xml", "<workbook/>"), ("inner.zip", zipped(("a", "a")))),
            ),
        ),
        "an archive nested in an archive too deeply",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_are_refused(name: str) -> None:
    build, reason = HOSTILE[name]
    assert sniff(build()) == Sniffed(refusal=reason)


HARMLESS: dict[str, tuple[Callable[[], bytes], str]] = {
    "pdf naming javascript in a string": (
        lambda: pdf_with(b"<</Title(How /JavaScript and /Launch actions are refused)>>"),
        PDF,
    ),
    "pdf with javascript-like bytes in stream data": (
        lambda: pdf_with(stream(b"/Subtype/Image", noise(5000) + b"/JavaScript /JS /AA <html> <script>" + noise(100))),
        PDF,
    ),
    "pdf opening at a page": (lambda: pdf_with(b"<</Type/Catalog/OpenAction[2 0 R/Fit]>>"), PDF),
    "pdf with a clean object stream": (lambda: pdf_with(object_stream(b"4 0 <</Type/Page/Contents 5 0 R>>")), PDF),
    "pdf with trailing newlines": (lambda: pdf() + b"\r\n\r\n", PDF),
    "png with padding after its end": (lambda: png() + bytes(16), PNG),
    "png with a text chunk": (lambda: png_with((b"tEXt", b"Comment\x00Bolton <b>day</b> places")), PNG),
    "jpeg with a second picture after its end": (lambda: jpeg_with(after=jpeg_with()), JPEG),
    "jpeg with a comment": (lambda: jpeg_with(b"Taken at the open day"), JPEG),
    "docx with an embedded workbook": (
        lambda: zipped(
            ("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN)),
            ("word/document.xml", "<w:document/>"),
            ("word/embeddings/book.xlsx", xlsx()),
        ),
        DOCX,
    ),
    "docx of 50 MB of ordinary text": (
        lambda: zipped(
            ("[Content_Types].xml", content_types("word/document.xml", WORD_MAIN)),
            (
                "word/document.xml",
                b"".join(b"<w:p><w:r><w:t>Placement %d at Bolton</w:t></w:r></w:p>" % i for i in range(900_000)),
            ),
        ),
        DOCX,
    ),
}


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_files_like_them_are_accepted(name: str) -> None:
    build, media_type = HARMLESS[name]
    assert sniff(build()) == Sniffed(media_type=media_type)
