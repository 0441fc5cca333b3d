"""Documents the tests render: a ward's state notice, a ward's Party notice, a city report."""

from datetime import date, datetime

import pytest

from documents.layout import (
    Heading,
    Issuer,
    OfficialDocument,
    Paragraph,
    Table,
    prose_datetime,
)

LONG_TEXT = (
    "Ủy ban nhân dân phường giao Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra, xử lý dứt điểm "
    "tình trạng ngập nước trên tuyến đường Lê Lợi, báo cáo kết quả trước ngày 30/10/2026. "
) * 6


def notice(institution: str, *, unit_name="Phường Bến Thành", is_city=False, pages=1, **extra):
    """A conclusions notice; ``pages=2`` makes its body run onto a second page."""
    issuer = Issuer(institution, unit_name, is_city=is_city)
    chair = "Chủ tịch Ủy ban nhân dân" if institution == "state" else "Bí thư Đảng ủy"
    body = [
        Paragraph(
            f"Vào lúc {prose_datetime(datetime(2026, 9, 22, 8, 5))}, tại Hội trường, đồng chí "
            f"{chair} phường chủ trì buổi tiếp xúc, đối thoại trực tiếp với Nhân dân."
        ),
        Heading("1. Các ý kiến, kiến nghị đã trả lời tại buổi đối thoại"),
        Table(
            ("STT", "Nội dung", "Đơn vị thực hiện", "Thời hạn"),
            [
                ("1", "Ngập nước đường Lê Lợi", "Phòng Kinh tế, Hạ tầng và Đô thị", "30/10/2026"),
                ("2", "Chiếu sáng hẻm 12\nkhu phố 3", "Ban điều hành khu phố", "15/10/2026"),
            ],
            (1, 6, 4, 2),
        ),
        *[Paragraph(LONG_TEXT) for _ in range(4 * (pages - 1))],
    ]
    fields = {
        "issuer": issuer,
        "symbol": "TB",
        "number": 12,
        "date": date(2026, 9, 28),
        "title": "Thông báo",
        "subtitle_lines": (f"Kết luận của đồng chí {chair} phường",),
        "body": body,
        "recipients": ("Thường trực Đảng ủy phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường"),
        "signature": issuer.signature("head", name="Nguyễn Văn Hải", signed=True),
    }
    return OfficialDocument(**{**fields, **extra})


@pytest.fixture
def state_notice():
    return notice("state")


@pytest.fixture
def party_notice():
    return notice("party")
