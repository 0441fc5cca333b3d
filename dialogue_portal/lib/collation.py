"""Vietnamese alphabetical order, the same in Python, on PostgreSQL and on SQLite.

Byte order puts "Xã Đất Đỏ" after "Xã Hồ Tràm" (Đ is U+0110, after every ASCII letter) and
scatters the toned vowels; an accent-free order puts it before "Xã Dầu Tiếng". Vietnamese
order is:

- letters ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y`` (f j w z where
  Latin puts them), space before punctuation before digits before letters, digits one by
  one ("Phường 10" before "Phường 2");
- tones only when the letters of the whole text are equal, in the order no tone, huyền,
  hỏi, ngã, sắc, nặng: "Ca" < "Cà" < "Cả" < "Cã" < "Cá" < "Cạ" < "Cách";
- then lower case before upper case; then, as PostgreSQL does, the bytes.

That is the Unicode collation with CLDR's Vietnamese rules, which PostgreSQL has as the ICU
collation ``"vi-VN-x-icu"``. :func:`vietnamese_key` reproduces it in Python for Vietnamese
letters, ASCII and white space (the tests compare the two on PostgreSQL); any other
character sorts by code point within its group (symbols before the digits, letters of other
alphabets after z). On SQLite the collation of the same name is
registered on every connection (:func:`register_sqlite_collation`, connected in
``units.apps``) and compares with the key, so :func:`vietnamese_order` works on both.

Lists of people sort by given name, then family and middle name: :func:`person_sort_key`
in Python, :func:`person_order` in the database.
"""

import unicodedata
from functools import lru_cache

from django.db.models import F, Value
from django.db.models.expressions import Combinable, OrderBy
from django.db.models.functions import Collate, Concat, StrIndex, Substr

# PostgreSQL's ICU collation; SQLite gets one of the same name from register_sqlite_collation.
VIETNAMESE_COLLATION = "vi-VN-x-icu"

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# ASCII punctuation and symbols in ICU's order (space comes first, digits after).
_ASCII_SYMBOLS = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"

# Primary weights, by group: space < punctuation < digits < letters < other letters.
_SPACE = 1
_SYMBOL = 10
_OTHER_SYMBOL = 1_000
_DIGIT = 2_000_000
_LETTER = 3_000_000
_OTHER_LETTER = 4_000_000

_LETTER_WEIGHT = {letter: _LETTER + rank for rank, letter in enumerate(_ALPHABET)}
_SYMBOL_WEIGHT = {symbol: _SYMBOL + rank for rank, symbol in enumerate(_ASCII_SYMBOLS)}

# Combining marks that make a letter of the alphabet (ă â ê ô ơ ư) rather than a tone.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTER_MARKS = {
    "a": (_BREVE, _CIRCUMFLEX),
    "e": (_CIRCUMFLEX,),
    "o": (_CIRCUMFLEX, _HORN),
    "u": (_HORN,),
}

# Secondary weights: the five tones in Vietnamese order, then other accents as ICU has them.
_MARK_WEIGHT = {
    mark: rank
    for rank, mark in enumerate(
        [
            "\u0300",  # huyền (grave)
            "\u0309",  # hỏi (hook above)
            "\u0303",  # ngã (tilde)
            "\u0301",  # sắc (acute)
            "\u0323",  # nặng (dot below)
            "\u0306",  # breve (on letters other than a)
            "\u0302",  # circumflex (on letters other than a, e, o)
            "\u030c",  # caron
            "\u030a",  # ring above
            "\u0308",  # diaeresis
            "\u030b",  # double acute
            "\u0307",  # dot above
            "\u0327",  # cedilla
            "\u0328",  # ogonek
            "\u0304",  # macron
        ],
        start=1,
    )
}
_OTHER_MARK = 100


def _primary(char: str) -> int | None:
    """The weight of a base character in lower case; None for one the order ignores."""
    if char in _LETTER_WEIGHT:
        return _LETTER_WEIGHT[char]
    if char in _SYMBOL_WEIGHT:
        return _SYMBOL_WEIGHT[char]
    if char.isspace():
        return _SPACE
    category = unicodedata.category(char)
    if category in ("Cc", "Cf"):  # control and format characters (soft hyphen…)
        return None
    if category == "Nd":
        return _DIGIT + unicodedata.digit(char)
    if category[0] in "LN":
        return _OTHER_LETTER + ord(char)
    return _OTHER_SYMBOL + ord(char)


def _clusters(text: str):
    """Each base character of the decomposed text with the accents written on it."""
    base, marks = None, []
    for char in unicodedata.normalize("NFD", text):
        if base is not None and unicodedata.combining(char):
            marks.append(char)
            continue
        if base is not None:
            yield base, marks
        base, marks = char, []
    if base is not None:
        yield base, marks


@lru_cache(maxsize=8192)
def vietnamese_key(text: str | None) -> tuple:
    """A sort key in Vietnamese order, the same as PostgreSQL's ``"vi-VN-x-icu"``:
    ``sorted(names, key=vietnamese_key)``.

    The base letters of the whole text first, then the accents letter by letter, then the
    case letter by letter, then the text itself (two spellings that compare equal, such
    as composed and decomposed Unicode, keep a fixed order, as in the database)."""
    text = text or ""
    primaries: list[int] = []
    accents: list[tuple[int, ...]] = []
    cases: list[int] = []
    for base, marks in _clusters(text):
        lower = base.lower()
        letter = lower if len(lower) == 1 else base
        for mark in _LETTER_MARKS.get(letter, ()):
            if mark in marks:  # ă â ê ô ơ ư are letters of their own, not accents
                marks.remove(mark)
                letter = unicodedata.normalize("NFC", letter + mark)
                break
        weight = _primary(letter)
        if weight is None:
            continue
        primaries.append(weight)
        accents.append(tuple(_MARK_WEIGHT.get(mark, _OTHER_MARK + ord(mark)) for mark in marks))
        cases.append(0 if base == lower else 1)
    return (tuple(primaries), tuple(accents), tuple(cases), text)


def person_sort_key(full_name: str | None) -> tuple:
    """Sort key for a person's full name, written family name first ("Nguyễn Văn Hải"):
    the given name (the last word), then the family and middle names, each in Vietnamese
    order: ``sorted(users, key=lambda u: person_sort_key(person_name(u)))``."""
    words = (full_name or "").split()
    return (vietnamese_key(" ".join(words[-1:])), vietnamese_key(" ".join(words[:-1])))


def vietnamese_order(field: str | Combinable) -> OrderBy:
    """``order_by()`` term sorting ``field`` (a field name, "-name" for descending, or an
    expression) in Vietnamese order, on PostgreSQL and SQLite alike."""
    descending = isinstance(field, str) and field.startswith("-")
    expression = F(field.removeprefix("-")) if isinstance(field, str) else field
    collated = Collate(expression, VIETNAMESE_COLLATION)
    return collated.desc() if descending else collated.asc()


def person_order(sort_name: str) -> tuple[OrderBy, OrderBy]:
    """``order_by(*person_order("person__sort_name"))``: people in the order of
    :func:`person_sort_key`, from a field holding the name given name first ("Hải Nguyễn
    Văn"). The given name is compared whole (accents too) before the family name, so every
    "A" comes before every "Á", whatever their family names."""
    name = F(sort_name)
    first_space = StrIndex(Concat(name, Value(" ")), Value(" "))
    given_name = Substr(name, 1, first_space - 1)
    return vietnamese_order(given_name), vietnamese_order(name)


def _compare(left: str | None, right: str | None) -> int:
    left_key, right_key = vietnamese_key(left), vietnamese_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give each new SQLite connection the collation
    PostgreSQL has built in, so ``vietnamese_order`` runs on both databases."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VIETNAMESE_COLLATION, _compare)
