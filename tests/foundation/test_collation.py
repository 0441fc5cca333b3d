"""Vietnamese alphabetical order: Đ after D, tones after the letters, the same in Python,
on SQLite and on PostgreSQL (``dialogue_portal.lib.collation``)."""

import random
import unicodedata

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from dialogue_portal.lib.collation import (
    person_order,
    person_sort_key,
    vietnamese_key,
    vietnamese_order,
)
from tests.factories import make_unit
from units.models import Unit

# Each list is in Vietnamese order; the tests shuffle it and sort it back.
ORDERED = {
    "đ comes after every d": ["Xã Dầu Tiếng", "Xã Dương Minh Châu", "Xã Đất Đỏ", "Xã Đức Hòa"],
    "ă â ê ô ơ ư are letters": ["Ana", "Ăn", "Ân", "Eo", "Ê", "Oa", "Ô", "Ơ", "Uy", "Ư", "Vy"],
    "tones only when the letters are equal": ["Ca", "Cà", "Cả", "Cã", "Cá", "Cạ", "Cách"],
    "tones letter by letter": ["Hoà", "Hoá", "Hòa", "Hỏa", "Hóa"],
    "a space comes before any letter": ["An", "An Phú", "Ana", "Xã An Nhơn Tây", "Xã An Phú"],
    "digits one by one": ["Phường 1", "Phường 10", "Phường 2", "Phường An Lạc"],
    "lower case first, only when all else is equal": ["ca", "cA", "Ca", "CA", "cà"],
    "f j w z where Latin has them": ["Em", "Fa", "Gia", "Ít", "Ja", "Kha", "Vy", "Wa", "Xa", "Za"],
    "space, punctuation, digits, then letters": ["Dĩ An", "Dĩ-An", "Dĩ2", "Dian", "DĩAn"],
}


@pytest.mark.parametrize("rule", ORDERED)
def test_the_key_sorts_in_vietnamese_order(rule):
    expected = ORDERED[rule]
    shuffled = random.Random(rule).sample(expected, len(expected))
    assert sorted(shuffled, key=vietnamese_key) == expected


def test_composed_and_decomposed_spellings_sort_together():
    names = ["Xã Đất Đỏ", "Xã Dầu Tiếng", "Phường Bến Thành"]
    decomposed = [unicodedata.normalize("NFD", name) for name in names]
    assert [vietnamese_key(n)[:3] for n in names] == [vietnamese_key(n)[:3] for n in decomposed]
    mixed = sorted([*names, *decomposed], key=vietnamese_key)
    assert [unicodedata.normalize("NFC", n) for n in mixed[::2]] == [
        "Phường Bến Thành",
        "Xã Dầu Tiếng",
        "Xã Đất Đỏ",
    ]


def test_people_sort_by_given_name_then_family_name():
    people = [
        "Trần Thị Bình",
        "Phạm An",
        "Lê Văn Á",
        "Nguyễn Văn An",
        "Nguyễn Thị A",
        "Đỗ Văn Dũng",
        "Bùi Thị Đào",
    ]
    assert sorted(people, key=person_sort_key) == [
        "Nguyễn Thị A",  # every "A" before every "Á", whatever the family name
        "Lê Văn Á",
        "Nguyễn Văn An",  # the same given name: family name next
        "Phạm An",
        "Trần Thị Bình",
        "Đỗ Văn Dũng",
        "Bùi Thị Đào",
    ]


# --- In the database ---------------------------------------------------------------------

TRICKY = [name for names in ORDERED.values() for name in names]


def _units(names) -> None:
    city = make_unit(kind=Unit.Kind.CITY, name="Thành phố Hồ Chí Minh", code="79")
    for name in dict.fromkeys(names):  # unit names are stored with single spaces
        make_unit(name=name, parent=city)


@pytest.mark.django_db
def test_the_database_sorts_names_as_the_key_does():
    _units(random.Random(1).sample(TRICKY, len(TRICKY)))
    names = Unit.objects.exclude(kind=Unit.Kind.CITY).order_by(vietnamese_order("name"))
    stored = list(names.values_list("name", flat=True))
    assert stored == sorted(set(TRICKY), key=vietnamese_key)
    assert stored.index("Xã Dầu Tiếng") < stored.index("Xã Đất Đỏ")
    descending = Unit.objects.exclude(kind=Unit.Kind.CITY).order_by(vietnamese_order("-name"))
    assert list(descending.values_list("name", flat=True)) == stored[::-1]


@pytest.mark.django_db
def test_the_database_sorts_people_as_person_sort_key_does():
    # Unit names stand in for a "given name first" field (Person.sort_name: "Á Lê Văn").
    full_names = ["Lê Văn Á", "Nguyễn Thị A", "Phạm An", "Nguyễn Văn An", "Bùi Thị Đào", "Hải"]
    given_first = {" ".join(n.split()[-1:] + n.split()[:-1]): n for n in full_names}
    _units(given_first)
    rows = Unit.objects.exclude(kind=Unit.Kind.CITY).order_by(*person_order("name"))
    in_database = [given_first[name] for name in rows.values_list("name", flat=True)]
    assert in_database == sorted(full_names, key=person_sort_key)


@pytest.mark.django_db
def test_every_new_connection_has_the_collation():
    """SQLite gets it from units.apps on ``connection_created``; PostgreSQL has it built in."""
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with fresh.cursor() as cursor:
            cursor.execute("select 'Xã Dầu Tiếng' < 'Xã Đất Đỏ' collate \"vi-VN-x-icu\"")
            assert cursor.fetchone()[0]
    finally:
        fresh.close()


def _random_names(count: int) -> list[str]:
    """Names from Vietnamese letters with tones, both cases, spaces and punctuation."""
    rng = random.Random(935)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYfjwz"
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    others = "0123456789" + "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())

    def word() -> str:
        chars = []
        for _ in range(rng.randint(1, 4)):
            char = rng.choice(letters) if rng.random() < 0.85 else rng.choice(others)
            if char.isalpha() and rng.random() < 0.4:
                char = unicodedata.normalize("NFC", char + rng.choice(tones))
            chars.append(char)
        return "".join(chars)

    names = [" ".join(word() for _ in range(rng.randint(1, 3))) for _ in range(count)]
    # The same letters with other tones and other case, the hardest neighbours.
    tone_marks = "".join(tones)
    toneless = [
        unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFD", n) if c not in tone_marks)
        )
        for n in names[:300]
    ]
    return list(dict.fromkeys([*names, *toneless, *(n.swapcase() for n in names[:300])]))


@pytest.mark.postgres(reason="the ICU collation vi-VN-x-icu is PostgreSQL's")
@pytest.mark.django_db
def test_postgresql_icu_order_and_the_python_key_agree():
    _units(TRICKY)
    rows = Unit.objects.exclude(kind=Unit.Kind.CITY).order_by(vietnamese_order("name"))
    assert list(rows.values_list("name", flat=True)) == sorted(set(TRICKY), key=vietnamese_key)
    names = [unicodedata.normalize("NFC", n) for n in _random_names(3000)]
    names += [unicodedata.normalize("NFD", n) for n in names[:200]]
    with connection.cursor() as cursor:
        cursor.execute(
            'select name from unnest(%s::text[]) as name order by name collate "vi-VN-x-icu"',
            [names],
        )
        icu = [row[0] for row in cursor.fetchall()]
    assert icu == sorted(names, key=vietnamese_key)
