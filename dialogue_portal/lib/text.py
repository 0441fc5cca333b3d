"""Text helpers shared by every app: accent-insensitive search keys."""

import re
import unicodedata

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
