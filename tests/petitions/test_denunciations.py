"""The denunciation procedure (Luật Tố cáo năm 2018): acceptance by decision, extensions the
law caps (two, of at most 30 days each), no pause but a formal suspension, withdrawal,
transfer without the denunciator's identity, the conclusion and its public notice, and the
Party's inspection committee as a destination of its own."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from dialogue_portal.lib.transitions import ActionForbidden
from documents.docx import render_docx
from petitions import clocks, services
from petitions.documents import official_document
from petitions.models import (
    AccusedRole,
    AddressedTo,
    Concern,
    ConcernDocument,
    ConcernDocumentKind,
    ConcernState,
    ConcernType,
    Extension,
    ExtensionStatus,
)
from petitions.services.denunciations import IDENTITY_MASK
from petitions.transitions import TRANSITIONS
from tests.factories import concerns as f
from tests.factories.units import make_unit

pytestmark = pytest.mark.django_db

K = ConcernDocumentKind
NAME = "Nguyễn Văn A"
HOME = "45 Pasteur, Phường Bến Thành"


def denunciation(ward, **extra) -> Concern:
    return f.submit(
        ward,
        type=ConcernType.DENUNCIATION,
        content="Cán bộ địa chính nhận tiền để hợp thức hóa nhà xây trái phép",
        submitter_address=HOME,
        **extra,
    )


def accepted(ward, head) -> Concern:
    concern = denunciation(ward)
    return services.denunciation_accept(actor=head, concern=concern, version=concern.version)


def assigned(ward, officer, head) -> Concern:
    concern = accepted(ward, head)
    return services.concern_assign(
        actor=head, concern=concern, version=concern.version, assignee=officer
    )


def extend(concern, officer, head, days: int):
    concern = f.fresh(concern)
    extension = services.concern_extension_request(
        actor=officer,
        concern=concern,
        version=concern.version,
        new_due=concern.due_at + timedelta(days=days),
        reason="Vụ việc phức tạp, cần xác minh thêm",
    )
    return services.concern_extension_decide(
        actor=head, extension=extension, version=f.fresh(concern).version, approve=True
    )


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


# --- Acceptance and extensions ------------------------------------------------------------------


def test_acceptance_issues_a_numbered_decision_and_the_resolution_is_due_thirty_days_on(
    ward_a, head_a
):
    concern = accepted(ward_a, head_a)
    assert concern.state == ConcernState.ACCEPTED
    accepted_on = clocks.local_date(concern.accepted_at)
    assert concern.due_at == clocks.answer_due(ConcernType.DENUNCIATION, accepted_on).due
    assert concern.due_at >= accepted_on + timedelta(days=30)
    doc = ConcernDocument.objects.get(concern=concern, kind=K.DENUNCIATION_ACCEPTANCE)
    assert doc.outgoing.label.endswith("/QĐ-UBND")
    assert "Điều 29 Luật Tố cáo năm 2018" in doc.body
    assert NAME not in doc.body


def test_the_officer_cannot_accept_and_the_generic_accept_refuses_a_denunciation(ward_a, officer_a):
    concern = denunciation(ward_a)
    with pytest.raises(ActionForbidden):
        services.denunciation_accept(actor=officer_a, concern=concern, version=concern.version)
    with pytest.raises(ValidationError) as refused:
        services.concern_accept(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            type=concern.type,
            category=concern.category,
        )
    assert "Luật Tố cáo năm 2018" in messages_of(refused)


def test_two_extensions_of_at_most_thirty_days_each_then_no_more(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    first_due = concern.due_at

    extend(concern, officer_a, head_a, 30)
    assert f.fresh(concern).due_at == first_due + timedelta(days=30)

    concern = f.fresh(concern)
    with pytest.raises(ValidationError) as too_long:
        services.concern_extension_request(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=31),
            reason="Cần thêm thời gian",
        )
    assert "Luật Tố cáo năm 2018" in messages_of(too_long)
    assert "Điều 30" in messages_of(too_long)

    extend(concern, officer_a, head_a, 20)
    assert f.fresh(concern).due_at == first_due + timedelta(days=50)

    concern = f.fresh(concern)
    with pytest.raises(ValidationError) as third:
        services.concern_extension_request(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=5),
            reason="Lần thứ ba",
        )
    assert "Luật Tố cáo năm 2018" in messages_of(third)
    assert "Điều 30" in messages_of(third)
    assert "extension_request" not in TRANSITIONS.available(officer_a, concern)
    approved = Extension.objects.filter(concern=concern, status=ExtensionStatus.APPROVED)
    assert approved.count() == 2
    decisions = ConcernDocument.objects.filter(concern=concern, kind=K.EXTENSION_DECISION)
    assert [d.data["days"] for d in decisions] == [30, 20]
    assert all(d.outgoing.label.endswith("/QĐ-UBND") for d in decisions)


def test_an_ordinary_concern_keeps_its_extensions(ward_a, officer_a, head_a):
    concern = f.assigned(ward_a, officer_a)
    extend(concern, officer_a, head_a, 45)  # no length limit for a phản ánh
    assert not ConcernDocument.objects.filter(concern=concern).exists()


def test_a_complaint_gets_no_extension_naming_its_law(ward_a, officer_a, head_a):
    concern = f.assigned(ward_a, officer_a, type=ConcernType.COMPLAINT, submitter_address=HOME)
    with pytest.raises(ValidationError) as refused:
        services.concern_extension_request(
            actor=officer_a,
            concern=concern,
            version=concern.version,
            new_due=concern.due_at + timedelta(days=5),
            reason="Cần thêm thời gian",
        )
    assert "Luật Khiếu nại năm 2011" in messages_of(refused)


# --- No pause: a formal suspension ---------------------------------------------------------------


@pytest.mark.parametrize("concern_type", [ConcernType.DENUNCIATION, ConcernType.COMPLAINT])
def test_the_clock_of_a_statutory_case_cannot_be_paused(ward_a, officer_a, concern_type):
    concern = f.submit(ward_a, type=concern_type, submitter_address=HOME)
    with pytest.raises(ValidationError) as refused:
        services.concern_pause_start(
            actor=officer_a, concern=concern, version=concern.version, reason="Chờ hồ sơ"
        )
    assert "only a formal suspension stops" in messages_of(refused) or (
        "tạm đình chỉ" in messages_of(refused)
    )
    assert "pause_start" not in TRANSITIONS.available(officer_a, concern)


def test_suspension_stops_the_clock_and_resumption_moves_the_due_date(
    ward_a, officer_a, head_a, clock
):
    clock.to(2026, 9, 1)
    concern = assigned(ward_a, officer_a, head_a)
    due = concern.due_at
    clock.to(2026, 9, 10)
    services.denunciation_suspend(
        actor=head_a,
        concern=concern,
        version=f.fresh(concern).version,
        reason="Chờ kết quả giám định của Sở Xây dựng",
    )
    assert f.fresh(concern).is_paused
    with pytest.raises(ValidationError):  # no conclusion while suspended
        services.denunciation_conclude(
            actor=head_a,
            concern=f.fresh(concern),
            version=f.fresh(concern).version,
            findings=[{"point": "Nhận tiền", "finding": "true"}],
            measures="Kiểm điểm",
            public_text="Tố cáo đúng.",
        )
    clock.to(2026, 9, 22)
    services.denunciation_resume(actor=head_a, concern=concern, version=f.fresh(concern).version)
    concern = f.fresh(concern)
    assert not concern.is_paused
    assert concern.due_at == due + timedelta(days=12)
    kinds = list(ConcernDocument.objects.filter(concern=concern).values_list("kind", flat=True))
    assert K.SUSPENSION_DECISION in kinds and K.RESUMPTION_DECISION in kinds
    pause = concern.pauses.get()
    assert pause.ended_at is not None


# --- Withdrawal ----------------------------------------------------------------------------------


def test_the_generic_withdrawal_refuses_a_denunciation(ward_a, officer_a):
    concern = denunciation(ward_a)
    with pytest.raises(ValidationError) as refused:
        services.concern_withdraw(
            actor=officer_a, concern=concern, version=concern.version, note="Gọi điện"
        )
    assert "Luật Tố cáo năm 2018" in messages_of(refused)


def test_withdrawal_ends_the_case_with_a_decision(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    services.denunciation_withdrawal(
        actor=head_a, concern=concern, version=concern.version, note="Đơn rút ngày 12/9"
    )
    concern = f.fresh(concern)
    assert concern.state == ConcernState.WITHDRAWN
    assert ConcernDocument.objects.filter(concern=concern, kind=K.TERMINATION_DECISION).exists()


def test_withdrawal_with_signs_of_a_violation_continues(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    services.denunciation_withdrawal(
        actor=head_a,
        concern=concern,
        version=concern.version,
        note="Đơn rút ngày 12/9",
        violation_signs=True,
        violation_note="Có dấu hiệu nhận hối lộ",
    )
    concern = f.fresh(concern)
    assert concern.state == ConcernState.ASSIGNED
    row = concern.transitions.order_by("-id").first()
    assert "Có dấu hiệu nhận hối lộ" in row.note
    assert not ConcernDocument.objects.filter(concern=concern, kind=K.TERMINATION_DECISION)


# --- Transfer ------------------------------------------------------------------------------------


def test_the_transfer_document_never_names_the_denunciator(ward_a, ward_b, officer_a, head_a):
    concern = denunciation(ward_a)
    # The head decides the transfer; an officer may not (whoever transfers sees the name).
    with pytest.raises(ActionForbidden):
        services.denunciation_transfer(
            actor=officer_a, concern=concern, version=concern.version, to_unit=ward_b
        )
    services.denunciation_transfer(
        actor=head_a, concern=concern, version=concern.version, to_unit=ward_b
    )
    concern = f.fresh(concern)
    assert concern.state == ConcernState.REFERRED
    doc = ConcernDocument.objects.get(concern=concern, kind=K.DENUNCIATION_TRANSFER)
    printed = " ".join(
        [doc.body, doc.recipients, doc.title, *(p.text for p in official_document(doc).body)]
    )
    for detail in (NAME, f.PHONE, concern.submitter_email, HOME):
        assert detail not in printed
    assert IDENTITY_MASK in doc.body
    linked = concern.referrals.get()
    assert linked.unit == ward_b and linked.type == ConcernType.DENUNCIATION
    assert IDENTITY_MASK in linked.transitions.get().note


def test_the_transfer_clock_shows_on_the_staff_page(client, ward_a, head_a):
    concern = denunciation(ward_a)
    client.force_login(head_a)
    page = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert 'data-testid="denunciation-clock"' in page
    assert 'data-testid="extensions-used">0/2' in page


# --- Conclusion and its public notice ----------------------------------------------------------


def conclude(concern, head, public_text="Tố cáo đúng một phần; đã kiểm điểm cán bộ."):
    return services.denunciation_conclude(
        actor=head,
        concern=concern,
        version=f.fresh(concern).version,
        findings=[
            {"point": "Nhận tiền của hộ dân", "finding": "partly_true"},
            {"point": "Hợp thức hóa nhà xây trái phép", "finding": "no_basis"},
        ],
        measures="Kiểm điểm, rút kinh nghiệm đối với cán bộ địa chính.",
        recommendations="Rà soát quy trình cấp phép xây dựng.",
        public_text=public_text,
    )


def test_the_conclusion_prints_in_layout_and_opens_as_docx(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    doc = conclude(concern, head_a)
    concern = f.fresh(concern)
    assert concern.state == ConcernState.CLOSED
    assert concern.answer_published_at is not None
    document = official_document(doc)
    assert document.title == "KẾT LUẬN"
    assert document.label.endswith("/KL-UBND")
    word = Document(io.BytesIO(render_docx(document)))
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "đúng một phần" in text and "không có cơ sở" in text
    assert "ỦY BAN NHÂN DÂN" in cells and "KẾT LUẬN" in text + cells
    assert NAME not in text + cells


def test_the_public_notice_is_listed_without_the_denunciators_details(
    client, ward_a, officer_a, head_a
):
    concern = assigned(ward_a, officer_a, head_a)
    doc = conclude(concern, head_a)
    page = client.get(reverse("public_petitions:denunciation_conclusions")).content.decode()
    assert "Tố cáo đúng một phần; đã kiểm điểm cán bộ." in page
    assert doc.outgoing.label in page
    for detail in (NAME, f.PHONE, concern.submitter_email, HOME, concern.tracking_code):
        assert detail not in page


def test_a_public_notice_naming_the_denunciator_is_refused(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    with pytest.raises(ValidationError):
        conclude(concern, head_a, public_text=f"Ông {NAME} tố cáo đúng.")
    assert f.fresh(concern).state == ConcernState.ASSIGNED


def test_a_denunciation_gets_no_answer_but_a_conclusion(ward_a, officer_a, head_a):
    concern = assigned(ward_a, officer_a, head_a)
    assert "answer_save" not in TRANSITIONS.available(officer_a, concern)
    assert "denunciation_conclude" in TRANSITIONS.available(head_a, concern)


# --- The Party's inspection committee ----------------------------------------------------------


@pytest.fixture
def party_member_case(ward_a):
    concern = denunciation(ward_a)
    Concern.objects.filter(pk=concern.pk).update(
        addressed_to=AddressedTo.INSPECTION,
        accused_role=AccusedRole.PARTY_MEMBER,
        accused_name="Đảng viên Trần Văn C",
    )
    return f.fresh(concern)


def test_the_inspection_chair_handles_a_party_members_case_the_chu_tich_cannot(
    party_member_case, head_a, secretary_a
):
    from tests.conftest import persona

    chair = persona("inspection_a")
    for outsider in (head_a, secretary_a):
        with pytest.raises(ActionForbidden):
            services.denunciation_accept(
                actor=outsider, concern=party_member_case, version=party_member_case.version
            )
    concern = services.denunciation_accept(
        actor=chair, concern=party_member_case, version=party_member_case.version
    )
    doc = ConcernDocument.objects.get(concern=concern, kind=K.DENUNCIATION_ACCEPTANCE)
    assert doc.institution == "inspection"
    assert doc.outgoing.label.endswith("-QĐ/UBKT")
    document = official_document(doc)
    assert [line.text for line in document.heading_left][:3] == [
        "ĐẢNG ỦY PHƯỜNG BẾN THÀNH",
        "ỦY BAN KIỂM TRA",
        "*",
    ]
    assert document.signature.authority_lines == ("T/M ỦY BAN KIỂM TRA",)
    assert document.signature.position == "CHỦ NHIỆM"


def test_a_transfer_to_another_unit_keeps_the_case_protected(ward_a, officer_a, head_a):
    other = make_unit(name="Phường Sài Gòn", code="26740", parent=ward_a.parent)
    concern = denunciation(ward_a)
    services.denunciation_transfer(
        actor=head_a, concern=concern, version=concern.version, to_unit=other
    )
    linked = f.fresh(concern).referrals.get()
    # Nobody of the ward that transferred it may see the denunciator in the linked case.
    from petitions.selectors import concern_privacy

    assert not concern_privacy(officer_a, linked).identity
