"""The editable Word file: same heading, number, authority line and fonts as the page, on A4."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from documents.docx import DOCX_CONTENT_TYPE, docx_response, render_docx
from documents.layout import Paragraph
from tests.documents.conftest import notice
from tests.documents.pdf import is_a4, page_count, page_sizes

FONT = "Times New Roman"


def open_docx(document):
    return Document(io.BytesIO(render_docx(document)))


def lines(cell) -> list[str]:
    """The cell's lines of text (the empty paragraphs that draw rules left out)."""
    return [p.text for p in cell.paragraphs if p.text.strip()]


def paragraph(cell, text: str):
    return next(p for p in cell.paragraphs if p.text == text)


def all_runs(doc):
    section = doc.sections[0]
    paragraphs = [*doc.paragraphs, *section.header.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    return [run for p in paragraphs for run in p.runs]


def test_state_notice_heading_cells_number_and_signature(state_notice):
    doc = open_docx(state_notice)
    heading, body_table, closing = doc.tables
    left, right = heading.rows[0].cells
    assert lines(left) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH", "Số: 12/TB-UBND"]
    assert lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bến Thành, ngày 28 tháng 9 năm 2026",
    ]
    assert all(run.bold for run in paragraph(left, "PHƯỜNG BẾN THÀNH").runs)
    assert all(run.italic for run in paragraph(right, lines(right)[-1]).runs)
    recipients, signature = closing.rows[0].cells
    assert lines(recipients)[0] == "Nơi nhận:"
    assert lines(recipients)[-1] == "- Lưu: VT."
    assert lines(signature) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn Hải"]
    assert all(run.bold for run in paragraph(signature, "Nguyễn Văn Hải").runs)
    assert body_table.rows[0].cells[1].text == "Nội dung"
    assert body_table.rows[2].cells[1].text == "Chiếu sáng hẻm 12\nkhu phố 3"
    texts = [p.text for p in doc.paragraphs]
    assert "THÔNG BÁO" in texts and "Kết luận của đồng chí Chủ tịch Ủy ban nhân dân phường" in texts
    assert "DỰ THẢO" not in " ".join(texts)


def test_party_notice_heading_cells_number_and_signature(party_notice):
    doc = open_docx(party_notice)
    left, right = doc.tables[0].rows[0].cells
    assert lines(left) == [
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH",
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "*",
        "Số 12-TB/ĐU",
    ]
    assert lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bến Thành, ngày 28 tháng 9 năm 2026"]
    title = paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM").runs[0]
    assert title.bold and title.underline
    assert all(run.bold for run in paragraph(left, "ĐẢNG ỦY PHƯỜNG BẾN THÀNH").runs)
    recipients, signature = doc.tables[-1].rows[0].cells
    assert lines(recipients)[-1] == "- Lưu Văn phòng Đảng ủy."
    assert lines(signature)[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"]


def test_office_head_signs_by_delegation():
    issuer = notice("party").issuer
    doc = open_docx(notice("party", signature=issuer.signature("office_head", name="Phạm Minh")))
    signature = doc.tables[-1].rows[0].cells[1]
    assert lines(signature) == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Phạm Minh"]


def test_every_run_is_times_new_roman_for_every_script(state_notice):
    doc = open_docx(state_notice)
    runs = all_runs(doc)
    assert len(runs) > 30
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
        assert 11 <= run.font.size.pt <= 15
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == (FONT, 14)


def test_a4_page_with_official_margins(state_notice):
    section = open_docx(state_notice).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]


def test_page_numbers_from_page_two_in_the_header(state_notice):
    section = open_docx(state_notice).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))


def test_heading_and_closing_tables_have_no_borders(state_notice):
    doc = open_docx(state_notice)
    for table in (doc.tables[0], doc.tables[-1]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    assert doc.tables[1].style.name == "Table Grid"  # the body's table keeps its grid


def test_a_draft_carries_the_mark_and_blank_number_and_date():
    doc = open_docx(notice("state", draft=True, number=None, date=None))
    assert doc.paragraphs[0].text.strip() == "DỰ THẢO"
    left, right = doc.tables[0].rows[0].cells
    assert lines(left)[-1] == "Số: ……/TB-UBND"
    assert lines(right)[-1] == "Bến Thành, ngày … tháng … năm ……"


def test_pasted_control_characters_do_not_break_the_file():
    doc = open_docx(notice("state", body=(Paragraph("Nội dung\x0bdòng sau\x07"),)))
    assert any(p.text == "Nội dung\ndòng sau" for p in doc.paragraphs)


def test_the_download_is_an_attachment_word_opens(state_notice):
    response = docx_response(state_notice, "Thông báo 12-TB-UBND.docx")
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Th%C3%B4ng%20b%C3%A1o%2012-TB-UBND.docx" in disposition
    assert Document(io.BytesIO(response.content)).tables


def _libreoffice() -> str | None:
    for candidate in ("/usr/bin/soffice", "/usr/bin/libreoffice"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
def test_libreoffice_prints_the_docx_on_a4_pages(tmp_path):
    binary = _libreoffice()
    if binary is None:
        reason = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the LibreOffice conversion: {reason}")
        print(f"\nSkipping the LibreOffice conversion: {reason}")
        pytest.skip(reason)
    source = tmp_path / "thong-bao.docx"
    source.write_bytes(render_docx(notice("state", pages=2)))
    run = subprocess.run(
        [
            binary,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "thong-bao.pdf"
    assert converted.exists(), f"LibreOffice Writer made no PDF (is it installed?): {run.stderr!r}"
    pdf = converted.read_bytes()
    assert is_a4(pdf), page_sizes(pdf)
    assert page_count(pdf) >= 2
