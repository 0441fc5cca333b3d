"""Outgoing-document numbers: one register per body, year and type; in order; never reused."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from documents.models import DocumentRegister, OutgoingDocument
from documents.numbering import MSG_NOT_AN_ISSUER, MSG_TITLE_REQUIRED, take_number
from tests.factories import make_unit
from units.models import Unit

pytestmark = pytest.mark.django_db

SEPT = date(2026, 9, 28)


def take(unit, institution="state", symbol="TB", issued_on=SEPT, actor=None, **extra):
    return take_number(
        unit=unit,
        institution=institution,
        symbol=symbol,
        issued_on=issued_on,
        title=extra.pop("title", "Thông báo kết luận"),
        actor=actor,
        reference=extra.pop("reference", "session:1"),
        **extra,
    )


def test_numbers_follow_one_another_in_a_register(ward_a, officer_a):
    labels = [take(ward_a, actor=officer_a).label for _ in range(3)]
    assert labels == ["1/TB-UBND", "2/TB-UBND", "3/TB-UBND"]
    register = DocumentRegister.objects.get()
    assert (register.year, register.last_number, register.series) == (2026, 3, "……/TB-UBND")


def test_the_number_records_what_was_issued_and_by_whom(ward_a, officer_a):
    document = take(
        ward_a,
        actor=officer_a,
        title="Thông báo  kết luận",
        reference="session:12",
        signer_name="Nguyễn Văn Hải",
        signer_position="Chủ tịch",
    )
    document.refresh_from_db()
    assert document.title == "Thông báo kết luận"
    assert (document.signer_name, document.signer_position) == ("Nguyễn Văn Hải", "Chủ tịch")
    assert document.created_by == officer_a
    assert document.issued_on == SEPT
    assert list(OutgoingDocument.objects.for_reference("session:12")) == [document]


def test_a_new_year_starts_a_new_register_at_one(ward_a):
    take(ward_a)
    take(ward_a)
    assert take(ward_a, issued_on=date(2027, 1, 2)).label == "1/TB-UBND"
    assert take(ward_a).label == "3/TB-UBND"
    assert DocumentRegister.objects.count() == 2


def test_each_type_of_document_has_its_own_series(ward_a):
    take(ward_a, institution="party", symbol="TB")
    assert take(ward_a, institution="party", symbol="BC").label == "1-BC/ĐU"
    assert take(ward_a, institution="party", symbol="TB").label == "2-TB/ĐU"


def test_the_party_committee_and_the_peoples_committee_never_share_numbers(ward_a, ward_b):
    assert take(ward_a, institution="state").label == "1/TB-UBND"
    assert take(ward_a, institution="party").label == "1-TB/ĐU"
    assert take(ward_b, institution="state").label == "1/TB-UBND"
    assert take(ward_a, institution="state").label == "2/TB-UBND"


def test_city_bodies_number_as_thanh_uy_and_city_peoples_committee(city):
    assert take(city, institution="party").label == "1-TB/TU"
    assert take(city, institution="party", symbol="BC").label == "1-BC/TU"
    assert take(city, institution="state").label == "1/TB-UBND"


def test_a_register_opened_with_numbers_taken_on_paper_continues_after_them(ward_a):
    DocumentRegister.objects.create(
        unit=ward_a, institution="state", year=2026, symbol="TB", last_number=11
    )
    assert take(ward_a).label == "12/TB-UBND"


def test_a_taken_number_is_never_deleted_or_reused(ward_a):
    document = take(ward_a)
    with pytest.raises(PermissionError):
        document.delete()
    with pytest.raises(PermissionError):
        OutgoingDocument.objects.all().delete()
    with pytest.raises(PermissionError):
        document.register.delete()
    assert take(ward_a).number == 2


def test_a_number_whose_issue_was_rolled_back_was_never_issued(ward_a):
    take(ward_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        take(ward_a)
        raise RuntimeError("the notice could not be saved")
    assert take(ward_a).number == 2
    assert list(OutgoingDocument.objects.values_list("number", flat=True)) == [2, 1]


@pytest.mark.parametrize(
    ("institution", "symbol", "title", "code"),
    [
        ("front", "TB", "Thông báo", "not_an_issuer"),
        ("council", "TB", "Thông báo", "not_an_issuer"),
        ("state", "tb", "Thông báo", "invalid"),
        ("state", "TB-UBND", "Thông báo", "invalid"),
        ("state", "TB", "   ", "title_required"),
    ],
)
def test_what_cannot_take_a_number_is_refused(ward_a, institution, symbol, title, code):
    with pytest.raises(ValidationError) as refused:
        take(ward_a, institution=institution, symbol=symbol, title=title)
    assert refused.value.code == code
    assert not OutgoingDocument.objects.exists()


def test_refusals_say_why(ward_a):
    with pytest.raises(ValidationError) as refused:
        take(ward_a, institution="front")
    assert refused.value.messages == [str(MSG_NOT_AN_ISSUER)]
    with pytest.raises(ValidationError) as refused:
        take(ward_a, title="")
    assert refused.value.messages == [str(MSG_TITLE_REQUIRED)]


def test_an_old_district_keeps_no_register(city):
    district = make_unit(name="Quận 1", kind=Unit.Kind.DISTRICT, parent=city)
    with pytest.raises(ValidationError) as refused:
        take(district)
    assert refused.value.code == "unit_keeps_no_register"


@pytest.mark.postgres(reason="SQLite cannot lock rows")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("register_exists", [True, False], ids=["open register", "new year"])
def test_people_issuing_at_the_same_moment_get_different_numbers(ward_a, register_exists):
    if register_exists:
        DocumentRegister.objects.create(unit=ward_a, institution="state", year=2026, symbol="TB")
    people, each = 6, 3
    barrier = threading.Barrier(people)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def issue():
        try:
            barrier.wait(timeout=10)
            for _ in range(each):
                numbers.append(take(ward_a).number)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(numbers) == list(range(1, people * each + 1))
    register = DocumentRegister.objects.get()
    assert register.last_number == people * each
