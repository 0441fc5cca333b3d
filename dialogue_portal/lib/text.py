"""Text helpers shared by every app: accent-insensitive search keys, control characters."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SPACES = re.compile(r"\s+")


def normalize_spaces(value: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return _SPACES.sub(" ", value or "").strip()


def fold(value: str) -> str:
    """Return a search key: lower case, no diacritics, đ → d, single spaces.

    Any Unicode composition typed by a Vietnamese keyboard (precomposed NFC or
    decomposed NFD) folds to the same key, so ``fold("Đối thoại") == fold("doi thoai")``.
    """
    decomposed = unicodedata.normalize("NFD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return normalize_spaces(stripped.casefold())


# --- Control characters -------------------------------------------------------------------
#
# The rule for free text, everywhere (forms, services, stored rows, exports, feeds): tab,
# newline and carriage return are text; every other C0 control character, DEL and the C1
# controls are not. A spreadsheet refuses a workbook holding one (openpyxl raises
# ``IllegalCharacterError``), strict iCalendar parsers refuse the whole feed, and nobody can
# see them on a page. Word's soft line break (vertical tab) and page break (form feed) are
# what a paste brings in by accident: they become a newline. Forms refuse the rest with
# ``MSG_CONTROL_CHARACTERS``; data migrations and writers remove them.

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same class for a PostgreSQL ``__regex`` lookup (rows that need cleaning); PostgreSQL
# text never holds NUL, and its regular expressions may not name it.
CONTROL_CHARACTERS_SQL = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
PASTED_LINE_BREAKS = re.compile(r"[\x0b\x0c]")

MSG_CONTROL_CHARACTERS = _(
    "The text contains invisible control characters (%(characters)s), often left by copying "
    "from another program. Delete them and type the text again."
)


def normalise_pasted_breaks(value: str) -> str:
    """Word's soft line break (vertical tab) and page break (form feed) become a newline."""
    return PASTED_LINE_BREAKS.sub("\n", value)


def clean_control_characters(value: str) -> str:
    """The text as it may be stored: pasted breaks as newlines, other controls removed."""
    if not value:
        return value
    return CONTROL_CHARACTERS.sub("", normalise_pasted_breaks(value))


def describe_control_characters(value: str) -> str:
    """The control characters of ``value`` as code points (``U+001B, U+0007``), in order."""
    seen = dict.fromkeys(CONTROL_CHARACTERS.findall(value))
    return ", ".join(f"U+{ord(ch):04X}" for ch in seen)


def validate_no_control_characters(value: str) -> None:
    """Validator: refuse text that still holds a control character (after pasted breaks)."""
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            MSG_CONTROL_CHARACTERS,
            code="control_characters",
            params={"characters": describe_control_characters(value)},
        )


def refuse_control_characters(value: str) -> str:
    """For services: pasted breaks become newlines; any other control character is refused.

    Returns the text to store, or raises ``ValidationError`` with ``MSG_CONTROL_CHARACTERS``.
    """
    if not value:
        return value
    value = normalise_pasted_breaks(value)
    validate_no_control_characters(value)
    return value
