"""What a file really is, from its bytes; never from its name.

Only a few document types are accepted. Everything else is refused with a
reason a person can read, and the dangerous kinds (programs, web pages, SVG)
are named explicitly.

An accepted type must also be only that type, and harmless as it:

- **Two types at once.** No file may carry HTML markup in its first
  :data:`HEAD_BYTES` (where browsers and mail filters sniff), a ``%PDF-``
  header in its first KB unless it is a PDF, or a ZIP end record near its end
  unless it is a ZIP-based document. PNG and JPEG images are walked to their
  end: data after a PNG's ``IEND`` is refused, data after a JPEG's end is
  refused when it holds markup (phones append further pictures there), and so
  is markup in either's metadata. A PDF may hold no markup in its syntax
  outside stream data (its dictionaries, strings and comments).
- **Active PDFs.** A PDF is read as PDF syntax (comments, strings, names;
  stream data skipped, object streams inflated within
  :data:`MAX_PDF_INFLATED_BYTES`). Any of :data:`PDF_ACTIVE_NAMES` is refused,
  ``#xx`` escapes decoded: JavaScript, launch actions, attached files, rich
  media, XFA forms, actions run by themselves (``/AA``) and actions that open
  other or embedded files. ``/OpenAction`` alone (open at a page) is allowed:
  what it could run is refused by name wherever it is. An object stream that
  cannot be decoded (encrypted, or compressed with an unusual filter) is
  refused, since what it holds cannot be checked.
- **Archive bombs.** Word, Excel and OpenDocument files are ZIP archives,
  checked from their directory without extracting: at most
  :data:`MAX_ARCHIVE_MEMBERS` members, :data:`MAX_ARCHIVE_BYTES` declared
  uncompressed in all (nested archives included), no large member compressed
  more than :data:`MAX_COMPRESSION_RATIO` to 1, and archives nested at most
  :data:`MAX_ARCHIVE_NESTING` deep (an embedded workbook, not a workbook in
  it). Reading a member never inflates past its declared size.
"""

from __future__ import annotations

import base64
import codecs
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

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

HEAD_BYTES = 4096
"""How much of the start of every file is searched for HTML markup."""
PDF_HEADER_WINDOW = 1024
"""PDF readers find ``%PDF-`` anywhere in the first KB."""
ZIP_TAIL_BYTES = 65_557
"""A ZIP end record is within this many bytes of the end (22 bytes and a comment of up to 64 KiB)."""
MAX_ARCHIVE_BYTES = 128 * 1024 * 1024
"""The most a Word, Excel or OpenDocument file may declare uncompressed, all members and nested archives."""
MAX_ARCHIVE_MEMBERS = 10_000
"""The most members, nested archives' included."""
MAX_COMPRESSION_RATIO = 100
"""The most a member over :data:`_RATIO_FLOOR` bytes may be compressed (document XML is about 10 to 1)."""
_RATIO_FLOOR = 1024 * 1024
MAX_ARCHIVE_NESTING = 1
"""How deep archives may nest: 1 lets a document embed a workbook, not a workbook holding another archive."""
MAX_PDF_INFLATED_BYTES = 64 * 1024 * 1024
"""The most a PDF's object streams may inflate to, in all, while being checked."""
PDF_ACTIVE_NAMES = frozenset(
    {
        b"JavaScript",
        b"JS",
        b"Launch",
        b"EmbeddedFile",
        b"EmbeddedFiles",
        b"RichMedia",
        b"XFA",
        b"AA",
        b"ImportData",
        b"GoToE",
        b"GoToR",
    }
)
"""PDF names that run code, start programs, carry other files or act without a click; a PDF using one is refused."""

_HTML_ANYWHERE = re.compile(
    rb"<(!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|applet|svg|meta|link|img|form|"
    rb"base|style|a\s+href)[\s>/]",
    re.IGNORECASE,
)
_ZIP_END = b"PK\x05\x06"
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


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
        return _only(data, PDF) or _pdf(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _only(data, PNG) or _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _only(data, JPEG) or _jpeg(data)
    if data.startswith(_ARCHIVE_MAGIC):
        return _only(data, OTHER_ZIP) or _zip(data)
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


# -- one type only -------------------------------------------------------------------------------------


def _only(data: bytes, kind: str) -> Sniffed | None:
    """A refusal when a file starting as ``kind`` is also read as another type."""
    if _HTML_ANYWHERE.search(data, 0, HEAD_BYTES):
        return Sniffed(refusal="a file that is also an HTML page")
    if kind != PDF and b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return Sniffed(refusal="a file that is also a PDF")
    if kind != OTHER_ZIP and data.rfind(_ZIP_END, max(0, len(data) - ZIP_TAIL_BYTES)) >= 0:
        return Sniffed(refusal="a file that is also a ZIP archive")
    return None


def _png(data: bytes) -> Sniffed:
    """A PNG: nothing after ``IEND`` but padding, no markup in any chunk but the compressed pixels."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            break
        if kind != b"IDAT" and _HTML_ANYWHERE.search(data, pos + 8, end - 4):
            return Sniffed(refusal="an image with an HTML page inside")
        if kind == b"IEND":
            if data[end:].strip(b"\x00"):
                return Sniffed(refusal="an image with something else after its end")
            return Sniffed(PNG)
        pos = end
    if _HTML_ANYWHERE.search(data, pos):
        return Sniffed(refusal="an image with an HTML page inside")
    return Sniffed(PNG)


_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_JPEG_ENTROPY_ESCAPES = frozenset({0x00, 0xFF, *range(0xD0, 0xD8)})


def _jpeg(data: bytes) -> Sniffed:
    """A JPEG: walked segment by segment to its end; no markup in its metadata or after its end."""
    pos = 2
    scanned = False
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            return Sniffed(refusal="a damaged JPEG image")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0xD9:
            if _HTML_ANYWHERE.search(data, pos + 2):
                return Sniffed(refusal="an image with an HTML page after its end")
            return Sniffed(JPEG)
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        if pos + 4 > len(data):
            break
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if _HTML_ANYWHERE.search(data, pos + 4, end):
            return Sniffed(refusal="an image with an HTML page inside")
        pos = end
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            scanned = True
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    pos = len(data)
                    break
                if data[pos + 1] not in _JPEG_ENTROPY_ESCAPES:
                    break
                pos += 2
    if scanned:
        return Sniffed(refusal="a damaged JPEG image (it has no end)")
    return Sniffed(JPEG)


# -- PDF ----------------------------------------------------------------------------------------------

MAX_PDF_STEPS = 500_000
"""The most objects, streams, nested strings and escaped names a PDF may have before it is too intricate."""
_PDF_NAME_CHAR = rb"[^\x00\t\n\f\r ()<>\[\]{}/%]"
_PDF_NAME = re.compile(rb"/" + _PDF_NAME_CHAR + rb"*")
_PDF_REGULAR = re.compile(_PDF_NAME_CHAR + rb"+")
_PDF_BORING = re.compile(
    rb"(?:[\x00\t\n\f\r <>\[\]{})]++"  # spaces and delimiters (hex strings hold only hex digits)
    rb"|%[^\r\n]*+"  # comments
    rb"|\((?:[^()\\]++|\\.|\((?:[^()\\]++|\\.)*+\))*+\)"  # strings, with parentheses nested once
    rb"|/(?!(?:"
    + b"|".join(sorted(PDF_ACTIVE_NAMES, key=len, reverse=True))
    + rb")(?!"
    + _PDF_NAME_CHAR
    + rb"))[^\x00\t\n\f\r ()<>\[\]{}/%#]*+(?!#)"  # names neither active nor escaped
    rb"|(?!(?:obj|stream)(?!"
    + _PDF_NAME_CHAR
    + rb"))"
    + _PDF_NAME_CHAR
    + rb"++"  # numbers and keywords but obj and stream
    rb")*+",
    re.DOTALL,
)
_PDF_STRING_CHAR = re.compile(rb"[()\\]")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_FILTERS = {
    b"FlateDecode": "flate",
    b"Fl": "flate",
    b"ASCIIHexDecode": "hex",
    b"AHx": "hex",
    b"ASCII85Decode": "a85",
    b"A85": "a85",
}
_PDF_OTHER_FILTERS = frozenset(
    {b"LZWDecode", b"LZW", b"RunLengthDecode", b"RL", b"Crypt", b"CCITTFaxDecode", b"CCF", b"DCTDecode", b"DCT"}
    | {b"JBIG2Decode", b"JPXDecode"}
)


class _Refused(Exception):
    def __init__(self, refusal: str) -> None:
        super().__init__(refusal)
        self.refusal = refusal


@dataclass
class _PdfScan:
    """The PDF syntax of a file or an object stream, read for what it names."""

    data: bytes
    budget: int = MAX_PDF_INFLATED_BYTES
    streams: list[tuple[int, int]] = field(default_factory=list)

    def run(self, *, nested: bool = False) -> None:
        """Read every token outside stream data; refuse an active name; inflate object streams.

        The regular expression skips what cannot matter (spaces, numbers, plain names, flat strings,
        comments) in bulk; the loop sees only object and stream keywords, nested strings and names that
        are active or escaped.
        """
        data, pos, dictionary, steps = self.data, 0, 0, 0
        while (pos := _at(_PDF_BORING, data, pos).end()) < len(data):
            steps += 1
            if steps > MAX_PDF_STEPS:
                raise _Refused("a PDF too intricate to check")
            char = data[pos : pos + 1]
            if char == b"(":
                pos = _string_end(data, pos)
            elif char == b"/":
                token = _at(_PDF_NAME, data, pos)
                name = _pdf_name(token.group())
                if name in PDF_ACTIVE_NAMES:
                    raise _Refused(f"a PDF with {_ACTIVE_WHAT[name]} (/{name.decode()})")
                pos = token.end()
            else:
                token = _at(_PDF_REGULAR, data, pos)
                pos = token.end()
                if token.group() == b"obj":
                    dictionary = pos
                elif not nested:
                    names = [_pdf_name(n) for n in _PDF_NAME.findall(data, dictionary, token.start())]
                    pos = dictionary = self._stream(pos, names)

    def _stream(self, pos: int, names: list[bytes]) -> int:
        data = self.data
        if data[pos : pos + 2] == b"\r\n":
            pos += 2
        elif data[pos : pos + 1] in (b"\n", b"\r"):
            pos += 1
        end = data.find(b"endstream", pos)
        if end < 0:
            raise _Refused("a damaged PDF (a stream has no end)")
        self.streams.append((pos, end))
        if b"ObjStm" in names:
            inner = _PdfScan(self._decoded(data[pos:end], names), budget=self.budget)
            inner.run(nested=True)
            self.budget = inner.budget
        return end + len(b"endstream")

    def _decoded(self, raw: bytes, names: list[bytes]) -> bytes:
        """An object stream's objects, through its filters, within what is left of the budget."""
        for name in names:
            how = _PDF_FILTERS.get(name)
            if how is None:
                if name in _PDF_OTHER_FILTERS:
                    raise _Refused("a PDF whose objects cannot be checked (they are compressed unusually)")
                continue
            try:
                if how == "flate":
                    inflater = zlib.decompressobj()
                    decoded = inflater.decompress(raw, self.budget + 1)
                    if len(decoded) > self.budget or inflater.unconsumed_tail:
                        raise _Refused("a PDF that inflates past the size limit")
                    raw = decoded
                elif how == "hex":
                    digits = re.sub(rb"[^0-9A-Fa-f]", b"", raw.split(b">", 1)[0])
                    raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
                else:
                    raw = base64.a85decode(
                        raw.strip().removesuffix(b"~>") + b"~>", adobe=False, ignorechars=b" \t\n\r\f\x00~>"
                    )
            except (zlib.error, ValueError) as exc:
                raise _Refused("a PDF whose objects cannot be checked (encrypted or damaged)") from exc
        self.budget -= len(raw)
        return raw


_PDF_EOL = re.compile(rb"[\r\n]")
_ACTIVE_WHAT = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "an action that starts a program",
    b"EmbeddedFile": "files attached",
    b"EmbeddedFiles": "files attached",
    b"RichMedia": "embedded rich media",
    b"XFA": "an XFA form, which can run scripts",
    b"AA": "actions that run by themselves",
    b"ImportData": "an action that imports data",
    b"GoToE": "an action that opens an attached file",
    b"GoToR": "an action that opens another file",
}


def _pdf_name(token: bytes) -> bytes:
    """A name token without its slash, ``#xx`` escapes decoded."""
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), token[1:])


def _at(pattern: re.Pattern[bytes], data: bytes, pos: int) -> re.Match[bytes]:
    """The match of a pattern that always matches at ``pos``."""
    found = pattern.match(data, pos)
    assert found is not None
    return found


def _string_end(data: bytes, pos: int) -> int:
    """Where the literal string starting at ``pos`` ends: parentheses nest, backslashes escape."""
    depth = 0
    while True:
        found = _PDF_STRING_CHAR.search(data, pos)
        if found is None:
            return len(data)
        pos = found.end()
        char = found.group()
        if char == b"\\":
            pos += 1
        elif char == b"(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos


def _pdf(data: bytes) -> Sniffed:
    """A PDF with nothing active in it and no markup outside its stream data."""
    scan = _PdfScan(data)
    try:
        scan.run()
    except _Refused as refused:
        return Sniffed(refusal=refused.refusal)
    start = 0
    for begin, end in [*scan.streams, (len(data), len(data))]:
        if _HTML_ANYWHERE.search(data, start, begin):
            return Sniffed(refusal="a PDF that is also an HTML page")
        start = end
    return Sniffed(PDF)


# -- ZIP-based documents ---------------------------------------------------------------------------


def _zip(data: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bomb = _archive_bomb(archive, depth=0, totals=[0, 0])
            if bomb:
                return Sniffed(refusal=bomb)
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


def _archive_bomb(archive: zipfile.ZipFile, *, depth: int, totals: list[int]) -> str | None:
    """Why the archive (and those nested in it) would inflate too far, from declared sizes; else ``None``.

    ``totals`` counts members and declared bytes across the nesting. Only nested archives are read, each
    at most its declared size, which the total bounds.
    """
    entries = archive.infolist()
    totals[0] += len(entries)
    totals[1] += sum(entry.file_size for entry in entries)
    if totals[0] > MAX_ARCHIVE_MEMBERS:
        return f"an archive of more than {MAX_ARCHIVE_MEMBERS} files"
    if totals[1] > MAX_ARCHIVE_BYTES:
        return f"an archive that inflates past {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB"
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1):
            return f"an archive compressed more than {MAX_COMPRESSION_RATIO} to 1 (a decompression bomb)"
    for entry in entries:
        if entry.is_dir() or entry.file_size < 4:
            continue
        with archive.open(entry) as member:
            if member.read(4) not in _ARCHIVE_MAGIC:
                continue
        if depth >= MAX_ARCHIVE_NESTING:
            return "an archive nested in an archive too deeply"
        with zipfile.ZipFile(io.BytesIO(archive.read(entry))) as inner:
            nested = _archive_bomb(inner, depth=depth + 1, totals=totals)
        if nested:
            return nested
    return None


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(_MAX_MEMBER_READ)
