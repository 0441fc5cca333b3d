"""The complaint procedure (Luật Khiếu nại năm 2011): acceptance with a notice and the
law's clock, the dialogue's record, the decision that is the answer, and the second
complaint the complainant files from the status page, which reaches the city."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from docx import Document

from dialogue_portal.lib import clock as portal_clock
from petitions import clocks, services
from petitions.models import (
    AnswerVersion,
    ComplaintFinding,
    Concern,
    ConcernDocumentKind,
    ConcernState,
    ConcernType,
    DeclineReason,
)
from petitions.services.complaints import ComplaintGround
from petitions.transitions import TRANSITIONS
from tests.conftest import persona
from tests.factories.concerns import PHONE_LAST4, fresh, submit
from workcalendar.calendar import compute_due

pytestmark = pytest.mark.django_db
K = ConcernDocumentKind


def _complaint(unit):
    return submit(unit, type=ConcernType.COMPLAINT, submitter_address="12 Lê Lợi, Bến Thành")


def _accept(concern, head, **extra):
    return services.complaint_accept(actor=head, concern=concern, version=concern.version, **extra)


def _assigned(unit, head, officer):
    concern = _accept(_complaint(unit), head)
    return services.concern_assign(
        actor=officer, concern=concern, version=concern.version, assignee=officer
    )


def _decide(concern, head, finding=ComplaintFinding.PARTLY_RIGHT):
    return services.complaint_decide(
        actor=head,
        concern=concern,
        version=fresh(concern).version,
        finding=finding,
        verification="Ủy ban nhân dân phường đã xác minh tại hiện trường ngày 10/3.",
        conclusion="Việc xử phạt đúng quy định, nhưng mức phạt áp dụng chưa đúng.",
        remedies="Sửa đổi Quyết định xử phạt, áp dụng mức phạt thấp hơn.",
    )


def _days(concern):
    """The days of the law the due date was counted with, as the notice of acceptance says
    them; the due date is that count from acceptance (moved past days off)."""
    days = concern.documents.get(kind=K.COMPLAINT_ACCEPTANCE).data["days"]
    start = clocks.local_date(concern.accepted_at)
    assert concern.due_at == compute_due(start, days, working=False).due
    return days


def _lookup(client, concern):
    response = client.post(
        reverse("public_petitions:lookup"),
        {"code": concern.tracking_code, "factor": PHONE_LAST4},
    )
    assert response.status_code == 302


def test_acceptance_issues_the_notice_and_the_laws_clock(ward_a, head_a):
    concern = _accept(_complaint(ward_a), head_a)
    assert concern.state == ConcernState.ACCEPTED
    assert _days(concern) == 30
    assert "30" in concern.due_explanation
    assert "Luật Khiếu nại năm 2011" in concern.due_explanation
    notice = concern.documents.get(kind=K.COMPLAINT_ACCEPTANCE)
    assert notice.outgoing.label.endswith("/TB-UBND")
    assert "thụ lý giải quyết khiếu nại" in notice.title


def test_a_complex_complaint_in_a_remote_unit_gets_60_days(ward_a, head_a):
    ward_a.is_remote = True
    ward_a.save()
    plain = _accept(_complaint(ward_a), head_a)
    complex_ = _accept(_complaint(ward_a), head_a, is_complex=True)
    assert (_days(plain), _days(complex_)) == (45, 60)
    assert "60" in complex_.due_explanation


def test_refusal_names_the_ground_of_article_11(ward_a, head_a):
    concern = _complaint(ward_a)
    concern = services.complaint_refuse(
        actor=head_a,
        concern=concern,
        version=concern.version,
        ground=ComplaintGround.BEFORE_COURT,
        note_to_citizen="Tòa án nhân dân đã thụ lý vụ án ngày 02/3.",
    )
    assert concern.state == ConcernState.DECLINED
    assert concern.decline_reason == DeclineReason.BEFORE_COURT
    notice = concern.documents.get(kind=K.COMPLAINT_REFUSAL)
    assert notice.data["ground"] == "before_court"
    assert "khoản 9 Điều 11 Luật Khiếu nại năm 2011" in notice.body


def test_only_the_head_accepts_a_complaint(client, ward_a, officer_a):
    concern = _complaint(ward_a)
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:complaint_accept", args=[concern.pk]), {"version": concern.version}
    )
    assert response.status_code == 403
    assert fresh(concern).state == ConcernState.RECEIVED


def test_pause_extension_and_citizen_verdict_are_refused_with_the_law(
    client, ward_a, head_a, officer_a
):
    concern = _assigned(ward_a, head_a, officer_a)
    for action in ("pause_start", "extension_request"):
        refusal = TRANSITIONS.refusal(concern, action, officer_a)
        assert refusal is not None
        assert "Luật Khiếu nại năm 2011" in " ".join(refusal.messages)
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:pause_start", args=[concern.pk]),
        {"version": concern.version, "reason": "Chờ bổ sung hồ sơ"},
    )
    assert response.status_code == 409
    assert "Luật Khiếu nại năm 2011" in response.content.decode()
    assert fresh(concern).paused_since is None
    decided = _decide(concern, head_a)
    refusal = TRANSITIONS.refusal(decided, "citizen_dispute")
    assert refusal is not None and "Luật Khiếu nại năm 2011" in " ".join(refusal.messages)


def test_the_whole_way_to_a_second_complaint_at_the_city(client, ward_a, head_a, officer_a):
    city_officer = persona("city_officer")
    city_chair = persona("city_chair")
    concern = _assigned(ward_a, head_a, officer_a)
    concern = services.complaint_dialogue(
        actor=officer_a,
        concern=concern,
        version=concern.version,
        held_at=portal_clock.now(),
        place="Trụ sở Ủy ban nhân dân phường Bến Thành",
        participants="Ông Nguyễn Văn A; ông Trần Văn An, công chức",
        content="Ông A trình bày mức phạt quá cao.",
        results="Hai bên thống nhất xác minh lại mức phạt.",
    )
    record = concern.documents.get(kind=K.DIALOGUE_RECORD)
    assert record.outgoing is None and "Kết quả đối thoại" in record.body

    concern = _decide(concern, head_a)
    assert concern.state == ConcernState.CLOSED
    assert concern.finding == ComplaintFinding.PARTLY_RIGHT
    assert concern.answer_published_at is not None
    decision = concern.documents.get(kind=K.COMPLAINT_DECISION)
    assert "đúng một phần" in decision.body
    assert "khiếu nại lần hai đến Chủ tịch Ủy ban nhân dân Thành phố" in decision.body
    assert "Tòa án nhân dân" in decision.body
    version = AnswerVersion.objects.get(concern=concern)
    assert version.status == "published" and version.public_text

    # The decision prints in layout and opens in Word.
    client.force_login(officer_a)
    html = client.get(reverse("petitions:document_print", args=[decision.pk])).content.decode()
    assert f"Số: {decision.outgoing.number}/QĐ-UBND" in html
    assert "(lần đầu)" in html and "CHỦ TỊCH" in html
    word = client.get(reverse("petitions:document_docx", args=[decision.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Về việc giải quyết khiếu nại" in text
    client.logout()

    # The complainant files the second complaint from the status page.
    _lookup(client, concern)
    status = client.get(reverse("public_petitions:status")).content.decode()
    assert reverse("public_petitions:second_complaint") in status
    response = client.post(
        reverse("public_petitions:second_complaint"),
        {"reasons": "Tôi không đồng ý với mức phạt đã sửa đổi."},
    )
    assert response.status_code == 302
    second = Concern.objects.get(appeal_of=concern)
    assert (second.instance, second.unit, second.origin_unit) == (2, ward_a.parent, ward_a)
    assert second.type == ConcernType.COMPLAINT and second.addressed_to == "state"
    assert second.submitter_name == concern.submitter_name
    assert (
        second.transitions.exists()
        and fresh(concern).transitions.filter(action="second_complaint").exists()
    )
    status = client.get(reverse("public_petitions:status")).content.decode()
    assert second.tracking_code in status

    # In the city's queue, not in the ward's.
    client.force_login(city_officer)
    assert second.tracking_code in client.get(reverse("petitions:queue")).content.decode()
    assert client.get(reverse("petitions:detail", args=[second.pk])).status_code == 200
    client.force_login(officer_a)
    assert second.tracking_code not in client.get(reverse("petitions:queue")).content.decode()
    assert client.get(reverse("petitions:detail", args=[second.pk])).status_code == 404

    # The city's clock: 45 days from acceptance, the decision is the second one.
    second = _accept(second, city_chair)
    assert _days(second) == 45
    assert "45" in second.due_explanation


def test_a_second_complaint_from_a_remote_unit_gets_60_days(ward_a, head_a, officer_a):
    ward_a.is_remote = True
    ward_a.save()
    first = _decide(_assigned(ward_a, head_a, officer_a), head_a)
    second = services.complaint_file_second(first=first, reasons="Không đồng ý.")
    second = _accept(second, persona("city_chair"))
    assert _days(second) == 60


def test_the_second_decision_leaves_only_the_lawsuit(ward_a, head_a, officer_a):
    first = _decide(_assigned(ward_a, head_a, officer_a), head_a)
    second = services.complaint_file_second(first=first, reasons="Không đồng ý.")
    city_chair, city_officer = persona("city_chair"), persona("city_officer")
    second = _accept(second, city_chair)
    second = services.concern_assign(
        actor=city_officer, concern=second, version=second.version, assignee=city_officer
    )
    second = _decide(second, city_chair, ComplaintFinding.WRONG)
    decision = second.documents.get(kind=K.COMPLAINT_DECISION)
    assert "(lần hai)" in decision.title
    assert "khiếu nại lần hai đến" not in decision.body
    assert "khởi kiện vụ án hành chính tại Tòa án nhân dân" in decision.body


def test_a_second_complaint_after_the_limit_is_refused_with_the_lawsuit(
    client, ward_a, head_a, officer_a
):
    first = _decide(_assigned(ward_a, head_a, officer_a), head_a)
    Concern.objects.filter(pk=first.pk).update(
        answer_published_at=portal_clock.now() - timedelta(days=31)
    )
    _lookup(client, first)
    status = client.get(reverse("public_petitions:status")).content.decode()
    assert reverse("public_petitions:second_complaint") not in status
    assert "People" in status or "Tòa án" in status
    response = client.post(
        reverse("public_petitions:second_complaint"), {"reasons": "Không đồng ý."}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Điều 33" in body
    assert not Concern.objects.filter(appeal_of=first).exists()


def test_the_second_complaint_needs_a_verified_lookup(client, ward_a, head_a, officer_a):
    first = _decide(_assigned(ward_a, head_a, officer_a), head_a)
    response = client.post(
        reverse("public_petitions:second_complaint"), {"reasons": "Không đồng ý."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("public_petitions:lookup")
    assert not Concern.objects.filter(appeal_of=first).exists()
