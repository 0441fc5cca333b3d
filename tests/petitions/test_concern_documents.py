"""The documents of a concern: numbered from the issuing body's register, printed in the
official layout and opened as .docx, seen only by those who may see the concern."""

import io

import pytest
from django.urls import reverse
from docx import Document

from petitions.documents import issue_document, official_document
from petitions.models import ConcernDocument, ConcernDocumentKind, ConcernType
from tests.factories.concerns import submit

pytestmark = pytest.mark.django_db


def _decision(concern, signer, **extra):
    return issue_document(
        concern=concern,
        kind=ConcernDocumentKind.COMPLAINT_DECISION,
        actor=signer,
        title="Về việc giải quyết khiếu nại của ông Nguyễn Văn A (lần đầu)",
        body="Căn cứ Luật Khiếu nại năm 2011;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Khiếu nại là đúng một phần.",
        recipients=["Ông Nguyễn Văn A", "Chủ tịch UBND Thành phố"],
        symbol="QĐ",
        **extra,
    )


def test_numbers_follow_the_register_of_the_body(ward_a, head_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    first = _decision(concern, head_a)
    second = _decision(concern, head_a)
    assert first.outgoing.number + 1 == second.outgoing.number
    assert first.outgoing.reference == f"concern:{concern.pk}"
    assert official_document(second).label == f"{second.outgoing.number}/QĐ-UBND"
    assert first.signer_name == "Phạm Minh Hùng"
    assert first.signer_rank == "head"


def test_decision_prints_in_layout_signed_by_the_chair_in_person(client, ward_a, head_a, officer_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, head_a)
    client.force_login(officer_a)
    html = client.get(reverse("petitions:document_print", args=[doc.pk])).content.decode()
    for line in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG BẾN THÀNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {doc.outgoing.number}/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Về việc giải quyết khiếu nại",
        "CHỦ TỊCH",
        "Phạm Minh Hùng",
    ):
        assert line in html
    # The Chủ tịch decides in person: not on behalf of the committee.
    assert "TM. ỦY BAN NHÂN DÂN" not in html


def test_a_deputy_signs_for_the_chair(client, ward_a, vice_chair_a, officer_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, vice_chair_a)
    signature = official_document(doc).signature
    assert signature.authority_lines == ("KT. CHỦ TỊCH",)
    assert signature.position == "PHÓ CHỦ TỊCH"


def test_docx_opens_and_says_the_title(client, ward_a, head_a, officer_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, head_a)
    client.force_login(officer_a)
    response = client.get(reverse("petitions:document_docx", args=[doc.pk]))
    assert response.status_code == 200
    word = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(
        p.text for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs
    )
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc giải quyết khiếu nại" in text
    assert f"Số: {doc.outgoing.number}/QĐ-UBND" in cells


def test_unnumbered_record_has_no_number(ward_a, officer_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = issue_document(
        concern=concern,
        kind=ConcernDocumentKind.DIALOGUE_RECORD,
        actor=officer_a,
        title="Đối thoại với người khiếu nại",
        body="Thời gian: 08 giờ 00.",
    )
    assert doc.outgoing is None
    layout = official_document(doc)
    assert layout.title == "BIÊN BẢN"
    assert layout.number is None


def test_documents_404_outside_the_users_units(client, ward_a, head_a, officer_b):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, head_a)
    client.force_login(officer_b)
    assert client.get(reverse("petitions:document_print", args=[doc.pk])).status_code == 404
    assert client.get(reverse("petitions:document_docx", args=[doc.pk])).status_code == 404


def test_detail_page_lists_the_documents(client, ward_a, head_a, officer_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, head_a)
    client.force_login(officer_a)
    html = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert reverse("petitions:document_print", args=[doc.pk]) in html
    assert f"{doc.outgoing.number}/QĐ-UBND" in html


def test_documents_are_never_deleted(ward_a, head_a):
    concern = submit(ward_a, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi")
    doc = _decision(concern, head_a)
    with pytest.raises(PermissionError):
        doc.delete()
    assert ConcernDocument.objects.filter(pk=doc.pk).exists()
