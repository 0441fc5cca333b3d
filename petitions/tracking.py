"""Tracking codes for concerns: random, easy to read aloud and type, typo-checked.

A code is 13 random symbols of Crockford's base32 (65 bits from ``secrets``) followed
by one check symbol, shown in groups of four: ``7KQ4-M2ZC-H8D1-XR``.

Crockford's alphabet leaves out I, L, O and U, so nothing looks like something else;
people may still type ``O`` for zero or ``I``/``L`` for one, and :func:`normalize_code`
accepts those, lower case, spaces and hyphens anywhere.

The check symbol
----------------
Each symbol is read as an element of the finite field GF(32) (polynomial
x⁵ + x² + 1). The check symbol ``c`` is chosen so that

    v₀·α⁰ + v₁·α¹ + … + v₁₂·α¹² + c·α¹³ = 0      (in GF(32), α = x)

This is a one-symbol Reed–Solomon style check. Multiplying by a non-zero field
element is a bijection, so changing any ONE symbol (check symbol included) always
breaks the sum; and because α⁰ … α¹³ are all different (α has order 31), swapping
any two different symbols breaks it too. Crockford's own mod-37 check would need
five extra symbols (``* ~ $ = U``) that are awkward to read aloud; this scheme keeps
the check inside the same 32 symbols.

The check is tested before any database lookup, so a mistyped code gets a specific
"a character looks wrong" answer without revealing whether any code exists.
"""

import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 13  # 13 × 5 = 65 random bits
CODE_LENGTH = RANDOM_LENGTH + 1
GROUP = 4

_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# Crockford's confusables: read O as zero, I and L as one.
_VALUE.update({"O": 0, "I": 1, "L": 1})
# Characters people put between groups; all ignored.
_SEPARATORS = frozenset(" -_.\u2010\u2011\u2012\u2013\u2014\u2212\t\r\n\u00a0")

_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _gf_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _POLY
    return product


def _build_powers() -> list[int]:
    powers = [1]
    for _ in range(30):
        powers.append(_gf_mul(powers[-1], 2))
    return powers


_POWERS = _build_powers()  # α^0 … α^30, all different (α is primitive)
_INVERSE = {value: _POWERS[(31 - exponent) % 31] for exponent, value in enumerate(_POWERS)}


def _syndrome(values: list[int]) -> int:
    total = 0
    for position, value in enumerate(values):
        total ^= _gf_mul(value, _POWERS[position])
    return total


def check_symbol(values: list[int]) -> int:
    """The check value for the 13 data values (see the module docstring)."""
    # c·α¹³ = Σ vᵢ·αⁱ (addition is XOR, so minus is plus) ⇒ c = Σ … · α⁻¹³
    return _gf_mul(_syndrome(values), _INVERSE[_POWERS[RANDOM_LENGTH]])


def _format(values: list[int]) -> str:
    symbols = "".join(ALPHABET[v] for v in values)
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def generate_code() -> str:
    """A new random code in canonical form, e.g. ``7KQ4-M2ZC-H8D1-XR``.

    Uniqueness is the caller's job (the model field is unique; the service retries).
    """
    number = secrets.randbits(5 * RANDOM_LENGTH)
    values = [(number >> (5 * i)) & 31 for i in range(RANDOM_LENGTH)]
    return _format(values + [check_symbol(values)])


def normalize_code(text: str) -> str | None:
    """The canonical form of what someone typed, or ``None`` if it cannot be a valid code.

    Accepts lower case, full-width characters, spaces and hyphens anywhere, and the
    confusables O (zero), I and L (one). Returns ``None`` when a character is not in the
    alphabet, the length is wrong or the check symbol does not match.
    """
    if not isinstance(text, str) or len(text) > 100:
        return None
    text = unicodedata.normalize("NFKC", text).upper()
    values = []
    for char in text:
        if char in _SEPARATORS:
            continue
        value = _VALUE.get(char)
        if value is None:
            return None
        values.append(value)
    if len(values) != CODE_LENGTH:
        return None
    if _syndrome(values) != 0:
        return None
    return _format(values)
