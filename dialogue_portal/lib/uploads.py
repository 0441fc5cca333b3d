"""Validating and storing uploaded files.

Files are checked by their content (magic bytes, and a full decode for images), never
by their name or the browser's content type, and stored under random names.

A PDF is also refused when it carries active content: scripts (``/JS``, ``/JavaScript``),
actions run on opening or on events (``/Launch``, an ``/OpenAction`` that is not a plain
"go to page", ``/AA``, form submission or import), embedded files, multimedia or XFA
forms. Officials open these files on office computers; a PDF has no business running
anything there. :func:`pdf_active_content` reads the file's names as a PDF reader does:
``#xx`` escapes decoded (``/J#61vaScript``), text inside strings and comments ignored,
stream data skipped, and the objects packed into compressed object streams unpacked
(zlib, at most ``PDF_UNPACK_LIMIT`` bytes). A PDF whose object streams cannot be
unpacked (encrypted, or an unusual compression) cannot be checked and is refused too.
"""

import io
import re
import secrets
import zlib
from collections.abc import Iterable
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Allowed kinds: name -> (MIME type, extension used for the stored file)
KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
}

MSG_TOO_LARGE = _("The file “%(name)s” is %(size)s; the limit is %(limit)s.")
MSG_EMPTY = _("The file “%(name)s” is empty.")
MSG_WRONG_TYPE = _(
    "The file “%(name)s” is not an allowed type (%(allowed)s), whatever its name says."
)
MSG_BROKEN = _("The file “%(name)s” is damaged and cannot be opened.")
MSG_PDF_ACTIVE = _(
    "The file “%(name)s” is a PDF that contains %(what)s, which is not allowed. "
    "Print it again to a plain PDF (or scan the paper) and send that file."
)
MSG_PDF_UNCHECKED = _(
    "The file “%(name)s” is a PDF whose contents cannot be checked (it is encrypted or "
    "compressed in an unusual way). Print it again to a plain PDF and send that file."
)


def _detect(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is None:
        return None
    for name, (mime, _ext) in KINDS.items():
        if kind.mime == mime:
            return name
    return None


def validate_upload(upload, *, allowed: Iterable[str], max_bytes: int | None = None) -> str:
    """Check an uploaded file; return its kind ("pdf", "jpeg", "png") or raise ValidationError."""
    allowed = list(allowed)
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    name = PurePosixPath(str(upload.name or "")).name[:80]
    if upload.size == 0:
        raise ValidationError(MSG_EMPTY, code="empty", params={"name": name})
    if upload.size > limit:
        raise ValidationError(
            MSG_TOO_LARGE,
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = _detect(head)
    if kind not in allowed:
        raise ValidationError(
            MSG_WRONG_TYPE,
            code="wrong_type",
            params={"name": name, "allowed": ", ".join(a.upper() for a in allowed)},
        )
    if kind in ("jpeg", "png"):
        from PIL import Image

        try:
            data = upload.read()
            upload.seek(0)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception:
            raise ValidationError(MSG_BROKEN, code="broken", params={"name": name})
    elif kind == "pdf":
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(MSG_BROKEN, code="broken", params={"name": name})
        try:
            found = pdf_active_content(data)
        except UncheckablePdf:
            raise ValidationError(MSG_PDF_UNCHECKED, code="pdf_unchecked", params={"name": name})
        if found is not None:
            raise ValidationError(
                MSG_PDF_ACTIVE,
                code="pdf_active_content",
                params={"name": name, "what": ACTIVE_CONTENT[found]},
            )
    return kind


def random_upload_name(folder: str, kind: str) -> str:
    """A random storage path like ``folder/2f/2f9c...e1.pdf``: nothing of the user's name survives."""
    token = secrets.token_hex(16)
    return f"{folder}/{token[:2]}/{token}.{KINDS[kind][1]}"


def mime_type(kind: str) -> str:
    return KINDS[kind][0]


# ---------------------------------------------------------------------------------------
# Active content in PDF files

_SCRIPT = _("scripts (JavaScript)")
_ACTION = _("actions that run by themselves")
_EMBEDDED = _("embedded files")
_MEDIA = _("multimedia or 3D content")
_XFA = _("an XFA form")

# PDF name (as a reader decodes it) → what the message calls it.
ACTIVE_CONTENT = {
    "JS": _SCRIPT,
    "JavaScript": _SCRIPT,
    "Launch": _ACTION,
    "OpenAction": _ACTION,  # refused unless it is a plain destination: [page /Fit]
    "AA": _ACTION,
    "SubmitForm": _ACTION,
    "ImportData": _ACTION,
    "GoToR": _ACTION,
    "GoToE": _ACTION,
    "EmbeddedFile": _EMBEDDED,
    "EmbeddedFiles": _EMBEDDED,
    "FileAttachment": _EMBEDDED,
    "RichMedia": _MEDIA,
    "Rendition": _MEDIA,
    "Movie": _MEDIA,
    "Sound": _MEDIA,
    "3D": _MEDIA,
    "XFA": _XFA,
}

# Decompressed object streams of one file may not exceed this (a zip bomb stops here).
PDF_UNPACK_LIMIT = 64 * 1024 * 1024

_FLATE = {"FlateDecode", "Fl"}
_FILTERS = _FLATE | {
    "ASCIIHexDecode",
    "AHx",
    "ASCII85Decode",
    "A85",
    "LZWDecode",
    "LZW",
    "RunLengthDecode",
    "RL",
    "CCITTFaxDecode",
    "CCF",
    "JBIG2Decode",
    "DCTDecode",
    "DCT",
    "JPXDecode",
    "Crypt",
}
# The next thing a scan stops at: a string, a comment, a name, or the end of a dictionary
# or object (where a stream may begin or an object ends).
_TOKEN = re.compile(rb"[(%/]|>>\s*stream(?![A-Za-z])[ \t\x00\x0c]*(?:\r\n|\n|\r)?|endobj")
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
# Inside a string: its delimiters, or the start or end of an object. A string never runs
# on into the next object (a reader reads each object from its own offset, so a string
# left open in one object must not hide the next one from the scan).
_STRING_STEP = re.compile(rb"[()\\]|endobj|\d+\s+\d+\s+obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?![\d.])(?!\s+\d+\s+R)")
_LINE_END = re.compile(rb"[\r\n]")
_FIRST = re.compile(rb"/First\s+(\d+)")
_INTEGER = re.compile(rb"\d+")


class UncheckablePdf(Exception):
    """A PDF whose object streams cannot be unpacked (encrypted, unusual filters, bombs)."""


def _decode_name(raw: bytes) -> str:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _skip_string(data: bytes, pos: int) -> int:
    """The position after the literal string opening at ``pos`` (nesting and escapes)."""
    depth = 0
    while True:
        match = _STRING_STEP.search(data, pos)
        if match is None:
            return len(data)
        char = match.group()
        if len(char) > 1:
            return match.start()  # an object boundary: the string was never closed
        pos = match.end()
        if char == b"\\":
            pos += 1
        elif char == b"(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos


def _is_destination(data: bytes, pos: int) -> bool:
    """An ``/OpenAction`` whose value (at ``pos``) is an array: "open at this page"."""
    return data[pos : pos + 64].lstrip(b"\x00\t\n\x0c\r ").startswith(b"[")


class _Scan:
    def __init__(self) -> None:
        self.unpacked = 0

    def names(self, data: bytes, *, streams: bool) -> str | None:
        """The first active-content name in ``data``; with ``streams``, stream data is
        skipped and object streams are unpacked and read too."""
        pos = object_start = 0
        object_names: list[str] = []  # the names of the current object's dictionary
        while True:
            match = _TOKEN.search(data, pos)
            if match is None:
                return None
            token = match.group()
            if token == b"(":
                pos = _skip_string(data, match.start())
            elif token == b"%":
                end = _LINE_END.search(data, match.end())
                pos = len(data) if end is None else end.end()
            elif token == b"/":
                name_match = _NAME.match(data, match.start())
                pos = name_match.end()
                name = _decode_name(name_match.group(1))
                if name in ACTIVE_CONTENT and not (
                    name == "OpenAction" and _is_destination(data, pos)
                ):
                    return name
                object_names.append(name)
            elif token == b"endobj":
                pos = object_start = match.end()
                object_names = []
            elif not streams:
                pos = match.end()
            else:
                header = data[max(object_start, match.start() - 65536) : match.start()]
                pos, body = self._stream_body(data, match.end(), header)
                found = self._stream(body, object_names, header)
                if found is not None:
                    return found
                object_start = pos
                object_names = []

    @staticmethod
    def _stream_body(data: bytes, start: int, header: bytes) -> tuple[int, bytes]:
        lengths = _LENGTH.findall(header)
        if lengths:
            end = start + int(lengths[-1])
            if data[end : end + 12].lstrip(b"\r\n").startswith(b"endstream"):
                return end, data[start:end]
        end = data.find(b"endstream", start)
        if end < 0:
            return len(data), data[start:]
        return end + len(b"endstream"), data[start:end]

    def _stream(self, body: bytes, names: list[str], header: bytes) -> str | None:
        """Read an object stream's objects; other streams hold no dictionaries."""
        is_object_stream = "ObjStm" in names or ("N" in names and "First" in names)
        if not is_object_stream or "XRef" in names:
            return None
        filters = [name for name in names if name in _FILTERS]
        if filters:
            if len(filters) > 1 or filters[0] not in _FLATE or "Predictor" in names:
                raise UncheckablePdf
            room = PDF_UNPACK_LIMIT - self.unpacked
            try:
                body = zlib.decompressobj().decompress(body, room + 1)
            except zlib.error:
                raise UncheckablePdf from None
            self.unpacked += len(body)
            if self.unpacked > PDF_UNPACK_LIMIT:
                raise UncheckablePdf
        for piece in _packed_objects(body, header):
            found = self.names(piece, streams=False)
            if found is not None:
                return found
        return None


def _packed_objects(body: bytes, header: bytes) -> list[bytes]:
    """An object stream cut into its objects (a reader reads each from its own offset), or
    whole when its table of offsets cannot be read."""
    first = _FIRST.findall(header)
    if not first:
        return [body]
    start = int(first[-1])
    numbers = [int(n) for n in _INTEGER.findall(body[:start])]
    cuts = sorted({0, start, *(start + offset for offset in numbers[1::2])})
    cuts = [cut for cut in cuts if cut <= len(body)]
    return [body[a:b] for a, b in zip(cuts, [*cuts[1:], len(body)], strict=True)]


_NAME_CHARS = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
# Every name the scan could act on: an active one, one written with #xx escapes, or one
# that marks an object stream. A file without any is clean, with no need to read it token
# by token (a long PDF of small objects takes seconds to read that way).
_CANDIDATE = re.compile(
    rb"/(?:"
    + b"|".join(re.escape(name.encode()) for name in [*ACTIVE_CONTENT, "ObjStm", "First"])
    + rb")(?!"
    + _NAME_CHARS
    + rb")|/"
    + _NAME_CHARS
    + rb"*#"
)


def pdf_active_content(data: bytes) -> str | None:
    """The first name of :data:`ACTIVE_CONTENT` that ``data`` (a whole PDF file) carries, or
    ``None``; raises :class:`UncheckablePdf` when its object streams cannot be unpacked."""
    if _CANDIDATE.search(data) is None:
        return None
    return _Scan().names(data, streams=True)
