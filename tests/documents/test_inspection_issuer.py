"""The Party's inspection committee (Ủy ban Kiểm tra) issues its own documents: its heading
under the Party committee, its own register ("12-QĐ/UBKT"), its signature "T/M ỦY BAN KIỂM
TRA" / "CHỦ NHIỆM", in the Party's layout (Hướng dẫn 36-HD/VPTW), on paper and in Word."""

import io
from datetime import date

import pytest
from docx import Document

from documents.docx import render_docx
from documents.layout import Issuer, OfficialDocument, Paragraph
from documents.models import DocumentRegister
from documents.numbering import take_number
from tests.documents.test_docx import lines


def texts(lines_) -> list[str]:
    return [line.text for line in lines_]


def decision(issuer: Issuer) -> OfficialDocument:
    return OfficialDocument(
        issuer=issuer,
        symbol="QĐ",
        title="Quyết định",
        number=12,
        date=date(2026, 9, 28),
        subtitle_lines=("Về việc thụ lý tố cáo",),
        body=(Paragraph("Thụ lý tố cáo đối với đồng chí Nguyễn Văn B, đảng viên."),),
        recipients=("Đảng ủy phường",),
        signature=issuer.signature("head", name="Lâm Văn Tài", signed=True),
    )


def test_a_ward_inspection_committee_heads_its_documents_under_the_party_committee():
    issuer = Issuer("inspection", "Phường Bến Thành")
    assert texts(issuer.heading_lines) == [
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "ỦY BAN KIỂM TRA",
        "*",
    ]
    assert texts(issuer.title_lines) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert issuer.number_label("QĐ", 12) == "Số 12-QĐ/UBKT"
    assert issuer.place == "Bến Thành"


def test_the_city_inspection_committee_is_the_thanh_uys():
    issuer = Issuer("inspection", "Thành phố Hồ Chí Minh", is_city=True)
    assert texts(issuer.heading_lines) == [
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH",
        "ỦY BAN KIỂM TRA",
        "*",
    ]
    assert issuer.number_label("QĐ", 3) == "Số 3-QĐ/UBKT"


@pytest.mark.parametrize(
    ("rank", "authority", "position"),
    [
        ("head", ["T/M ỦY BAN KIỂM TRA"], "CHỦ NHIỆM"),
        ("deputy", ["T/M ỦY BAN KIỂM TRA"], "PHÓ CHỦ NHIỆM"),
    ],
)
def test_the_committee_signs_on_its_own_behalf(rank, authority, position):
    signature = Issuer("inspection", "Phường Bến Thành").signature(rank, name="Lâm Văn Tài")
    assert list(signature.authority_lines) == authority
    assert signature.position == position


def test_recipients_follow_the_party_layout_and_file_with_the_committee():
    document = decision(Issuer("inspection", "Phường Bến Thành"))
    assert document.recipients_heading.underline
    assert texts(document.recipient_lines) == [
        "- Đảng ủy phường,",
        "- Lưu Ủy ban Kiểm tra.",
    ]


def test_the_word_file_carries_the_committees_heading_number_and_signature():
    doc = Document(io.BytesIO(render_docx(decision(Issuer("inspection", "Phường Bến Thành")))))
    heading, closing = doc.tables[0], doc.tables[-1]
    left, right = heading.rows[0].cells
    assert lines(left) == [
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "ỦY BAN KIỂM TRA",
        "*",
        "Số 12-QĐ/UBKT",
    ]
    assert lines(right)[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    _recipients, signature = closing.rows[0].cells
    assert lines(signature) == [
        "T/M ỦY BAN KIỂM TRA",
        "CHỦ NHIỆM",
        "(Đã ký)",
        "Lâm Văn Tài",
    ]


@pytest.mark.django_db
def test_the_inspection_committee_keeps_a_register_apart_from_the_party_committees(
    ward_a,
):
    common = {
        "unit": ward_a,
        "symbol": "QĐ",
        "issued_on": date(2026, 9, 28),
        "actor": None,
    }
    party = take_number(institution="party", title="Quyết định", reference="x:1", **common)
    first = take_number(institution="inspection", title="Thụ lý tố cáo", reference="x:2", **common)
    second = take_number(institution="inspection", title="Gia hạn", reference="x:3", **common)
    assert (party.number, first.number, second.number) == (1, 1, 2)
    assert (first.label, second.label) == ("1-QĐ/UBKT", "2-QĐ/UBKT")
    assert DocumentRegister.objects.filter(unit=ward_a, institution="inspection").count() == 1
