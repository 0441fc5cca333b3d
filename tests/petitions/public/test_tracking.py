"""Tracking codes: random, readable, and every single typo caught before any lookup."""

import re

from hypothesis import given
from hypothesis import strategies as st

from petitions.tracking import ALPHABET, CODE_LENGTH, generate_code, normalize_code

CANONICAL = re.compile(
    r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$"
)

symbols = st.lists(st.sampled_from(ALPHABET), min_size=CODE_LENGTH - 1, max_size=CODE_LENGTH - 1)


def _code_from(data: list[str]) -> str:
    """A valid code built from 13 chosen symbols (the check symbol found by trying all 32)."""
    for check in ALPHABET:
        code = normalize_code("".join(data) + check)
        if code:
            return code
    raise AssertionError("no check symbol fits")


def test_a_generated_code_is_grouped_crockford_base32():
    assert CANONICAL.match(generate_code())


def test_generated_codes_differ():
    assert len({generate_code() for _ in range(1000)}) == 1000


@given(st.integers(min_value=0, max_value=50))
def test_every_generated_code_normalises_to_itself(_n):
    code = generate_code()
    assert normalize_code(code) == code


@given(symbols)
def test_exactly_one_check_symbol_fits_any_13_symbols(data):
    fitting = [c for c in ALPHABET if normalize_code("".join(data) + c)]
    assert len(fitting) == 1


@given(symbols, st.integers(min_value=0, max_value=CODE_LENGTH - 1), st.sampled_from(ALPHABET))
def test_any_single_character_substitution_is_detected(data, position, replacement):
    code = _code_from(data).replace("-", "")
    if code[position] == replacement:
        return
    typo = code[:position] + replacement + code[position + 1 :]
    assert normalize_code(typo) is None


@given(symbols, st.integers(min_value=0, max_value=CODE_LENGTH - 2))
def test_swapping_two_neighbouring_characters_is_detected(data, position):
    code = list(_code_from(data).replace("-", ""))
    if code[position] == code[position + 1]:
        return
    code[position], code[position + 1] = code[position + 1], code[position]
    assert normalize_code("".join(code)) is None


@given(
    symbols,
    st.lists(st.sampled_from([" ", "-", "  ", "\t"]), min_size=CODE_LENGTH, max_size=CODE_LENGTH),
)
def test_lower_case_and_spaces_anywhere_are_accepted(data, separators):
    code = _code_from(data)
    typed = "".join(
        sep + ch.lower() for sep, ch in zip(separators, code.replace("-", ""), strict=True)
    )
    assert normalize_code(typed) == code


@given(symbols)
def test_o_is_read_as_zero_and_i_and_l_as_one(data):
    code = _code_from(data)
    typed = code.replace("0", "O").replace("1", "l")
    assert normalize_code(typed) == code
    assert normalize_code(code.replace("1", "I").lower()) == code


def test_full_width_characters_from_a_phone_keyboard_are_accepted():
    code = generate_code()
    full_width = "".join(chr(ord(c) + 0xFEE0) if c != "-" else " " for c in code)
    assert normalize_code(full_width) == code


def test_wrong_length_and_foreign_characters_are_refused():
    code = generate_code()
    assert normalize_code(code[:-1]) is None
    assert normalize_code(code + "0") is None
    assert normalize_code(code.replace("-", "U", 1)) is None
    assert normalize_code("") is None
    assert normalize_code("x" * 1000) is None


@given(st.text(max_size=40))
def test_any_text_either_normalises_to_a_canonical_code_or_is_refused(text):
    result = normalize_code(text)
    assert result is None or (CANONICAL.match(result) and normalize_code(result) == result)
