"""Validating and storing uploaded files.

Files are checked by their content (magic bytes, and a full decode for images), never
by their name or the browser's content type, and stored under random names.
"""

import io
import secrets
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
    return kind


def random_upload_name(folder: str, kind: str) -> str:
    """A random storage path like ``folder/2f/2f9c...e1.pdf``: nothing of the user's name survives."""
    token = secrets.token_hex(16)
    return f"{folder}/{token[:2]}/{token}.{KINDS[kind][1]}"


def mime_type(kind: str) -> str:
    return KINDS[kind][0]
