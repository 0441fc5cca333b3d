"""The page of a document: its official heading, number, authority line, in Vietnamese."""

import re
from html import unescape
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from documents.layout import Issuer, Paragraph
from tests.documents.conftest import notice


def render(document) -> str:
    return render_to_string("documents/official_document.html", {"document": document})


def part(page: str, css_class: str) -> str:
    """The text of the element with ``css_class`` (tags dropped, spaces collapsed)."""
    match = re.search(rf'<div class="[^"]*\b{css_class}\b[^"]*">(.*?)</div>', page, re.S)
    assert match, css_class
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_a_state_notice_shows_the_peoples_committee_heading_and_number(state_notice):
    page = render(state_notice)
    assert part(page, "od-issuer") == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH Số: 12/TB-UBND"
    assert part(page, "od-motto") == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Bến Thành, ngày 28 tháng 9 năm 2026"
    )
    assert part(page, "od-signature") == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Đã ký) Nguyễn Văn Hải"
    assert part(page, "od-recipients").endswith(
        "- Ủy ban Mặt trận Tổ quốc Việt Nam phường; - Lưu: VT."
    )
    assert "THÔNG BÁO" in page and "08 giờ 05 phút, ngày 22/9/2026" in page
    assert 'lang="vi"' in page


def test_a_party_notice_shows_the_party_committee_heading_and_number(party_notice):
    page = render(party_notice)
    assert part(page, "od-issuer") == (
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH ĐẢNG ỦY PHƯỜNG BẾN THÀNH * Số 12-TB/ĐU"
    )
    assert part(page, "od-motto") == "ĐẢNG CỘNG SẢN VIỆT NAM Bến Thành, ngày 28 tháng 9 năm 2026"
    assert part(page, "od-signature") == "T/M ĐẢNG ỦY BÍ THƯ (Đã ký) Nguyễn Văn Hải"
    assert part(page, "od-recipients").endswith("- Lưu Văn phòng Đảng ủy.")
    assert "ỦY BAN NHÂN DÂN" not in part(page, "od-issuer")


def test_a_deputy_signs_for_the_head(state_notice):
    issuer = state_notice.issuer
    deputy = notice("state", signature=issuer.signature("deputy", name="Lê Thị Hoa"))
    signature = part(render(deputy), "od-signature")
    assert signature == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Thị Hoa"


def test_city_documents_name_the_thanh_uy_and_the_city():
    page = render(notice("party", unit_name="Thành phố Hồ Chí Minh", is_city=True))
    assert part(page, "od-issuer") == "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH * Số 12-TB/TU"
    assert "Thành phố Hồ Chí Minh, ngày 28 tháng 9 năm 2026" in part(page, "od-motto")
    assert part(page, "od-recipients").endswith("- Lưu Văn phòng Thành ủy.")


def test_a_draft_is_marked_and_leaves_number_and_date_blank():
    page = render(notice("state", draft=True, number=None, date=None))
    assert "DỰ THẢO" in page
    assert "Số: ……/TB-UBND" in part(page, "od-issuer")
    assert "Bến Thành, ngày … tháng … năm ……" in part(page, "od-motto")
    assert "DỰ THẢO" not in render(notice("state"))


def test_text_is_escaped_and_line_breaks_kept():
    page = render(notice("state", body=(Paragraph("<script>alert(1)</script>\nDòng hai"),)))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Dòng hai" in page


def test_the_page_brings_its_stylesheet_with_print_and_phone_rules(state_notice):
    page = render(state_notice)
    assert 'href="/static/documents/official-document.css"' in page
    css = Path(finders.find("documents/official-document.css")).read_text(encoding="utf-8")
    assert "size: A4" in css and "margin: 20mm 15mm 20mm 30mm" in css
    assert "@page :first" in css and "counter(page)" in css
    assert "max-width: 575.98px" in css


def test_an_unsigned_notice_leaves_the_space_empty():
    issuer = Issuer("party", "Xã Cần Giờ")
    page = render(notice("party", unit_name="Xã Cần Giờ", signature=issuer.signature("head")))
    assert "(Đã ký)" not in page
    assert "Cần Giờ, ngày 28 tháng 9 năm 2026" in page
