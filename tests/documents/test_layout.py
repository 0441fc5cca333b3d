"""The official layouts as data: who issues, how numbers, places, dates and signatures read."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from documents.layout import (
    Issuer,
    OfficialDocument,
    Table,
    place_date_line,
    prose_datetime,
    signature_for,
    vietnamese_date,
)

WARD_STATE = Issuer("state", "Phường Bến Thành")
WARD_PARTY = Issuer("party", "Phường Bến Thành")
CITY_STATE = Issuer("state", "Thành phố Hồ Chí Minh", is_city=True)
CITY_PARTY = Issuer("party", "Thành phố Hồ Chí Minh", is_city=True)


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def test_state_heading_names_the_peoples_committee_of_the_ward_with_a_rule_below():
    lines = WARD_STATE.heading_lines
    assert texts(lines) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH"]
    assert all(line.bold for line in lines)
    assert lines[-1].rule == "short"
    assert texts(WARD_STATE.title_lines) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert WARD_STATE.title_lines[1].rule == "text"  # the rule is as long as the motto


def test_party_heading_names_the_party_committee_under_the_city_party_organisation():
    lines = WARD_PARTY.heading_lines
    assert texts(lines) == ["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG ỦY PHƯỜNG BẾN THÀNH", "*"]
    assert lines[1].bold
    (title,) = WARD_PARTY.title_lines
    assert (title.text, title.bold, title.underline) == ("ĐẢNG CỘNG SẢN VIỆT NAM", True, True)


def test_city_issuers_are_the_thanh_uy_and_the_city_peoples_committee():
    assert texts(CITY_PARTY.heading_lines) == ["THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH", "*"]
    assert texts(CITY_STATE.heading_lines) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]
    assert CITY_STATE.place == CITY_PARTY.place == "Thành phố Hồ Chí Minh"


@pytest.mark.parametrize(
    ("issuer", "number", "expected"),
    [
        (WARD_STATE, 12, "Số: 12/TB-UBND"),
        (WARD_PARTY, 12, "Số 12-TB/ĐU"),
        (CITY_PARTY, 12, "Số 12-TB/TU"),
        (CITY_STATE, 12, "Số: 12/TB-UBND"),
        (WARD_STATE, None, "Số: ……/TB-UBND"),
        (WARD_PARTY, None, "Số ……-TB/ĐU"),
    ],
)
def test_number_labels_follow_each_institutions_series(issuer, number, expected):
    assert issuer.number_label("TB", number) == expected


def test_a_party_report_has_its_own_series():
    assert WARD_PARTY.number_label("BC", 3) == "Số 3-BC/ĐU"


@pytest.mark.parametrize(
    ("unit_name", "place"),
    [
        ("Phường Bến Thành", "Bến Thành"),
        ("Xã Cần Giờ", "Cần Giờ"),
        ("Đặc khu Côn Đảo", "Côn Đảo"),
        ("Phường 1", "Phường 1"),  # a unit named by a number keeps its full name
    ],
)
def test_the_place_is_the_units_name_without_its_kind(unit_name, place):
    assert Issuer("state", unit_name).place == place


def test_place_and_date_line():
    assert place_date_line(WARD_STATE, date(2026, 9, 28)) == "Bến Thành, ngày 28 tháng 9 năm 2026"
    assert (
        place_date_line(CITY_PARTY, date(2026, 11, 15))
        == "Thành phố Hồ Chí Minh, ngày 15 tháng 11 năm 2026"
    )


def test_a_day_below_ten_and_january_february_take_a_leading_zero_in_the_date_line():
    assert place_date_line(WARD_STATE, date(2026, 1, 5)) == "Bến Thành, ngày 05 tháng 01 năm 2026"
    assert place_date_line(WARD_STATE, date(2026, 3, 5)) == "Bến Thành, ngày 05 tháng 3 năm 2026"


def test_an_undated_draft_leaves_the_date_blank():
    assert place_date_line(WARD_PARTY, None) == "Bến Thành, ngày … tháng … năm ……"


def test_dates_in_prose_have_no_leading_zeros_in_the_date():
    assert vietnamese_date(date(2026, 9, 2)) == "ngày 2/9/2026"


def test_times_in_prose_read_on_the_portals_clock():
    utc = datetime(2026, 9, 22, 1, 5, tzinfo=ZoneInfo("UTC"))  # 08:05 in Ho Chi Minh City
    assert prose_datetime(utc) == "08 giờ 05 phút, ngày 22/9/2026"
    assert prose_datetime(datetime(2026, 9, 22, 14, 30)) == "14 giờ 30 phút, ngày 22/9/2026"


@pytest.mark.parametrize(
    ("issuer", "rank", "authority", "position"),
    [
        (WARD_STATE, "head", ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH"),
        (WARD_STATE, "deputy", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH"),
        (WARD_STATE, "office_head", ["TL. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG"),
        (WARD_PARTY, "head", ["T/M ĐẢNG ỦY"], "BÍ THƯ"),
        (WARD_PARTY, "deputy", ["T/M ĐẢNG ỦY", "K/T BÍ THƯ"], "PHÓ BÍ THƯ"),
        (WARD_PARTY, "office_head", ["T/L BAN THƯỜNG VỤ"], "CHÁNH VĂN PHÒNG"),
        (CITY_PARTY, "head", ["T/M THÀNH ỦY"], "BÍ THƯ"),
        (CITY_STATE, "deputy", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH"),
    ],
)
def test_authority_lines_for_each_rank_in_both_institutions(issuer, rank, authority, position):
    signature = issuer.signature(rank, name="Nguyễn Văn Hải")
    assert list(signature.authority_lines) == authority
    assert signature.position == position
    assert texts(signature.lines) == [*authority, position]


def test_signature_for_takes_the_collective_name_it_is_given():
    signature = signature_for("party", "head", collective_name="THÀNH ỦY")
    assert signature.authority_lines == ("T/M THÀNH ỦY",)


def test_an_officer_signs_nothing():
    with pytest.raises(ValueError):
        WARD_STATE.signature("officer")


def test_the_front_issues_no_documents_here():
    with pytest.raises(ValueError):
        Issuer("front", "Phường Bến Thành")


def test_recipients_are_punctuated_per_institution_and_end_with_the_archive_line():
    state = OfficialDocument(
        issuer=WARD_STATE,
        symbol="TB",
        title="Thông báo",
        recipients=("Thường trực Đảng ủy phường", "- Các đoàn thể;"),
    )
    assert texts(state.recipient_lines) == [
        "- Thường trực Đảng ủy phường;",
        "- Các đoàn thể;",
        "- Lưu: VT.",
    ]
    party = OfficialDocument(
        issuer=WARD_PARTY, symbol="TB", title="Thông báo", recipients=("Ban Thường vụ Thành ủy",)
    )
    assert texts(party.recipient_lines) == [
        "- Ban Thường vụ Thành ủy,",
        "- Lưu Văn phòng Đảng ủy.",
    ]
    city = OfficialDocument(issuer=CITY_PARTY, symbol="BC", title="Báo cáo")
    assert texts(city.recipient_lines) == ["- Lưu Văn phòng Thành ủy."]


def test_state_archive_line_may_carry_the_drafters_initials():
    document = OfficialDocument(
        issuer=WARD_STATE, symbol="TB", title="Thông báo", archive_initials="NVH"
    )
    assert document.recipient_lines[-1].text == "- Lưu: VT, NVH."


def test_the_document_places_number_date_and_title():
    document = OfficialDocument(
        issuer=WARD_STATE,
        symbol="TB",
        number=12,
        date=date(2026, 9, 28),
        title="Thông báo",
        subtitle_lines=("Kết luận của đồng chí Chủ tịch",),
        signature=WARD_STATE.signature("head", name="Trần Thị Lan", signed=True),
    )
    assert texts(document.heading_left)[-1] == "Số: 12/TB-UBND"
    assert texts(document.heading_right)[-1] == "Bến Thành, ngày 28 tháng 9 năm 2026"
    assert document.heading_right[-1].italic
    assert texts(document.title_block) == ["THÔNG BÁO", "Kết luận của đồng chí Chủ tịch"]
    assert document.title_block[-1].rule == "short"
    assert document.signed_mark == "(Đã ký)"


def test_an_unsigned_document_leaves_the_signature_space_empty():
    document = OfficialDocument(
        issuer=WARD_PARTY, symbol="TB", title="Thông báo", signature=WARD_PARTY.signature("head")
    )
    assert document.signed_mark == ""


def test_table_widths_are_shares_of_the_page():
    table = Table(("STT", "Nội dung", "Đơn vị"), [("1", "Sửa đường", "UBND")], (1, 6, 3))
    assert table.percentages == (10.0, 60.0, 30.0)
    with pytest.raises(ValueError):
        Table(("A", "B"), [], (1,))
