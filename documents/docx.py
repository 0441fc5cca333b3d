"""The editable Word file of an official document (offices finish and sign in Word).

API::

    render_docx(document: OfficialDocument) -> bytes
    docx_response(document: OfficialDocument, filename: str) -> HttpResponse  # attachment

Same content and places as the page (``documents.layout`` builds both): A4, margins 20 mm
top and bottom, 30 mm left, 15 mm right; Times New Roman throughout (14 pt text); the
two-column heading and the "Nơi nhận" / signature block as borderless tables; the page
number centred in the top margin from page 2 (a PAGE field in the header, first page
different), as Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW place it. A draft carries
a boxed "DỰ THẢO".
"""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dialogue_portal.lib.text import clean_control_characters

from .layout import Line, OfficialDocument, Table

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
# Heading columns (issuer | motto): the state's motto needs the wider right column; the
# Party's two lines are about as long as each other.
# The inspection committee (Ủy ban Kiểm tra) heads its documents as the Party does.
HEADING_WIDTHS_MM = {"state": (62, 103), "party": (82, 83), "inspection": (82, 83)}
CLOSING_WIDTHS_MM = (80, 85)
SHORT_RULE_MM = {"heading": 20, "title": 30}

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def render_docx(document: OfficialDocument) -> bytes:
    """The document as a .docx file."""
    doc = Document()
    _page_setup(doc, document)
    if document.draft:
        _draft_mark(doc)
    _heading(doc, document)
    for n, line in enumerate(document.title_block):
        _line(doc, line, TEXT_WIDTH_MM, rule="title", space_before=0 if n else 12)
    for block in document.body:
        _block(doc, block)
    _closing(doc, document)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def docx_response(document: OfficialDocument, filename: str) -> HttpResponse:
    """An HTTP download of the .docx; ``filename`` ends in ".docx"."""
    response = HttpResponse(render_docx(document), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Page, fonts, header -------------------------------------------------------------------


def _page_setup(doc, document: OfficialDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Every run in Times New Roman, Vietnamese; no spacing inherited from the template.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "28")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _fonts(normal.element.get_or_add_rPr())
    # The page number: centred in the top margin from page 2; page 1 has an empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = CENTER
    _page_field(paragraph)
    properties = doc.core_properties
    properties.title = clean_control_characters(f"{document.title} {document.label}".strip())
    properties.author = document.issuer.unit_name
    properties.language = "vi-VN"
    properties.comments = ""


def _fonts(rpr) -> None:
    """Times New Roman for every script of a run (Latin, Vietnamese, complex, East Asian)."""
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _page_field(paragraph) -> None:
    """A PAGE field (Word and LibreOffice fill it in on every page)."""
    parts = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate")]
    for tag, value in parts:
        run = _run(paragraph, "", size=13)
        element = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run._r.append(element)
    _run(paragraph, "2", size=13)
    end = _run(paragraph, "", size=13)
    fld_end = OxmlElement("w:fldChar")
    fld_end.set(qn("w:fldCharType"), "end")
    end._r.append(fld_end)


# --- Text ----------------------------------------------------------------------------------


def _run(paragraph, text: str, *, size: int = 14, bold=False, italic=False, underline=False):
    """A run of ``text`` in Times New Roman; a newline in it is a line break, control
    characters are dropped (Word refuses them)."""
    run = paragraph.add_run(clean_control_characters(text))
    run.font.name = FONT
    _fonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    run.font.underline = underline or None
    return run


def _tight(paragraph, *, before: float = 0, after: float = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0


def _line(container, line: Line, width_mm: float, *, rule: str, align=CENTER, space_before=0):
    """One ``Line``: a paragraph (the first, empty one of a cell is reused)."""
    paragraph = _paragraph(container)
    paragraph.alignment = align
    _tight(paragraph, before=space_before)
    _run(
        paragraph,
        line.text,
        size=line.size,
        bold=line.bold,
        italic=line.italic,
        underline=line.underline,
    )
    if line.rule == "text":
        _rule(container, _text_width_mm(line.text, line.size, line.bold) + 2, width_mm)
    elif line.rule == "short":
        _rule(container, SHORT_RULE_MM[rule], width_mm)
    return paragraph


def _paragraph(container):
    """A new paragraph; a table cell's own first paragraph is used first."""
    if hasattr(container, "_tc"):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            return paragraphs[0]
    return container.add_paragraph()


def _text_width_mm(text: str, size: int, bold: bool) -> float:
    """About how wide ``text`` is in Times New Roman (advance widths averaged per class)."""
    em = 0.0
    for ch in text:
        if ch.isspace():
            em += 0.25
        elif ch.isupper():
            em += 0.72
        elif ch.isalpha():
            em += 0.5 if bold else 0.47
        else:
            em += 0.33
    return em * size * 25.4 / 72


def _rule(container, length_mm: float, width_mm: float) -> None:
    """A horizontal rule ``length_mm`` long, centred in a column ``width_mm`` wide: the bottom
    border of an empty paragraph (its mark 2 pt high) indented from both sides."""
    paragraph = container.add_paragraph()
    side = max(0.0, (width_mm - length_mm) / 2)
    _tight(paragraph, after=4)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(borders, *_PPR_AFTER_BORDERS)
    mark = OxmlElement("w:rPr")  # the paragraph mark's size sets the empty line's height
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "4")
        mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


_PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _draft_mark(doc) -> None:
    """A boxed "DỰ THẢO" at the top right."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _tight(paragraph, after=6)
    run = _run(paragraph, " DỰ THẢO ", size=14, bold=True)
    box = OxmlElement("w:bdr")
    for name, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "000000")):
        box.set(qn(f"w:{name}"), value)
    run._r.get_or_add_rPr().insert_element_before(
        box, "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang"
    )


# --- Tables --------------------------------------------------------------------------------


def _table(doc, widths_mm: tuple[float, ...], *, rows: int = 1, borders: bool = False):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False  # a fixed layout: the widths below are the widths
    tbl_pr = table._tbl.tblPr
    if borders:
        table.style = doc.styles["Table Grid"]
    else:
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            edges.append(element)
        tbl_pr.insert_element_before(
            edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
        )
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def _heading(doc, document: OfficialDocument) -> None:
    widths = HEADING_WIDTHS_MM[document.issuer.institution]
    table = _table(doc, widths)
    left, right = table.rows[0].cells
    for line in document.heading_left:
        _line(left, line, widths[0], rule="heading")
    for line in document.heading_right:
        _line(right, line, widths[1], rule="heading")


def _block(doc, block) -> None:
    if isinstance(block, Table):
        _body_table(doc, block)
        return
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(10)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.15
    if block.kind == "heading":
        fmt.keep_with_next = True
        _run(paragraph, block.text, bold=True)
        return
    paragraph.alignment = JUSTIFY
    _run(paragraph, block.text)


def _body_table(doc, block: Table) -> None:
    widths = tuple(TEXT_WIDTH_MM * p / 100 for p in block.percentages)
    spacer = doc.add_paragraph()
    _tight(spacer, before=3)
    table = _table(doc, widths, rows=1 + len(block.rows), borders=True)
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header.cells, block.headers, strict=True):
        _cell_text(cell, text, bold=True, align=CENTER)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            _cell_text(cell, text)


def _cell_text(cell, text: str, *, bold=False, align=LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _tight(paragraph)
    _run(paragraph, text, size=13, bold=bold)


def _closing(doc, document: OfficialDocument) -> None:
    """Recipients (left) and the signature (right), in a borderless table."""
    spacer = doc.add_paragraph()
    _tight(spacer, before=6)
    table = _table(doc, CLOSING_WIDTHS_MM)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the block stays on one page
    left, right = row.cells
    _line(left, document.recipients_heading, CLOSING_WIDTHS_MM[0], rule="heading", align=LEFT)
    for line in document.recipient_lines:
        _line(left, line, CLOSING_WIDTHS_MM[0], rule="heading", align=LEFT)
    signature = document.signature
    if signature is None:
        return
    for line in signature.lines:
        _line(right, line, CLOSING_WIDTHS_MM[1], rule="heading")
    # The space for the signature and the seal: "(Đã ký)" in its middle once signed.
    for n in range(5):
        text = document.signed_mark if n == 2 else ""
        _line(right, Line(text, italic=True), CLOSING_WIDTHS_MM[1], rule="heading")
    _line(right, Line(signature.name, bold=True), CLOSING_WIDTHS_MM[1], rule="heading")
