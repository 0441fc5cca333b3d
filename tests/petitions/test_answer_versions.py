"""Every answer a unit gives is kept as a version: a return, a dispute or a new answer never
erases the one the citizen saw; the citizen's status page shows the answer in force and
every earlier published one with its dates, never an answer that was not published."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from petitions import services
from petitions.models import (
    AnswerStatus,
    AnswerVersion,
    AnswerVersionStatus,
    Concern,
    ConcernNote,
    ConcernRule,
    ConcernState,
)
from tests.factories import concerns as f

pytestmark = pytest.mark.django_db

LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"
DISPUTE = "/concerns/status/dispute/"

FIRST = "Bản trả lời lần 1: sẽ kiểm tra đèn."
SECOND = "Bản trả lời lần 2: đã thay bóng đèn hẻm."
THIRD = "Bản trả lời lần 3: đã thay toàn bộ đường dây."


@pytest.fixture
def needs_approval():
    ConcernRule.objects.filter(type="report").update(needs_head_approval=True)


@pytest.fixture
def no_approval():
    ConcernRule.objects.filter(type="report").update(needs_head_approval=False)


def _draft(concern, officer, public_text):
    concern = f.fresh(concern)
    return services.concern_answer_save(
        actor=officer,
        concern=concern,
        version=concern.version,
        answer_text=f"Kính gửi ông Nguyễn Văn A (0903 123 456). {public_text}",
        answer_public_text=public_text,
    )


def _submit(concern, officer):
    concern = f.fresh(concern)
    return services.concern_answer_submit(actor=officer, concern=concern, version=concern.version)


def _approve(concern, head):
    concern = f.fresh(concern)
    return services.concern_answer_approve(actor=head, concern=concern, version=concern.version)


def _status_page(concern) -> str:
    client = Client()
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": f.PHONE_LAST4})
    assert response["Location"] == STATUS
    return client.get(STATUS).content.decode()


def test_return_new_answer_dispute_new_answer_keeps_every_version_and_shows_them_with_dates(
    needs_approval, ward_a, officer_a, head_a
):
    concern = f.assigned(ward_a, officer_a)

    # Answer 1 is returned by the head: kept, never published.
    _submit(_draft(concern, officer_a, FIRST), officer_a)
    services.concern_answer_return(
        actor=head_a, concern=f.fresh(concern), version=f.fresh(concern).version, note="Bổ sung."
    )
    # Answer 2 is approved and published; the citizen disputes it.
    _submit(_draft(concern, officer_a, SECOND), officer_a)
    _approve(concern, head_a)
    services.concern_citizen_dispute(concern=f.fresh(concern), reason="Đèn vẫn chưa sáng.")

    # While the dispute is handled, answer 2 stays in force and on the citizen's page.
    page = _status_page(concern)
    assert SECOND in page and FIRST not in page
    # Answer 3 waits for approval: not shown publicly yet.
    _submit(_draft(concern, officer_a, THIRD), officer_a)
    page = _status_page(concern)
    assert SECOND in page and THIRD not in page

    _approve(concern, head_a)
    versions = {v.number: v for v in AnswerVersion.objects.filter(concern=concern)}
    assert [versions[n].status for n in (1, 2, 3)] == [
        AnswerVersionStatus.RETURNED,
        AnswerVersionStatus.SUPERSEDED,
        AnswerVersionStatus.PUBLISHED,
    ]
    assert versions[1].public_text == FIRST and versions[1].return_note == "Bổ sung."
    assert versions[1].decided_by == head_a and versions[1].published_at is None
    assert versions[2].public_text == SECOND and versions[2].superseded_by == versions[3]
    assert versions[2].signer_name  # the approver of answer 2 is not lost by the dispute
    assert versions[3].public_text == THIRD and versions[3].decided_by == head_a
    assert versions[3].published_at == f.fresh(concern).answer_published_at

    page = _status_page(concern)
    assert THIRD in page and SECOND in page and FIRST not in page
    assert page.index(THIRD) < page.index(SECOND)  # the answer in force comes first
    earlier = page[page.index('data-testid="earlier-answer-2"') :]
    earlier = earlier[: earlier.index("</summary>")]
    published_2 = localtime(versions[2].published_at).strftime("%d/%m/%Y")
    superseded_2 = localtime(versions[2].superseded_at).strftime("%d/%m/%Y")
    assert published_2 in earlier and superseded_2 in earlier
    # The letter (with the citizen's personal data) is never published, in any version.
    assert "0903 123 456" not in page


def test_publishing_without_approval_creates_a_published_version_at_once(
    no_approval, ward_a, officer_a
):
    concern = _submit(_draft(f.assigned(ward_a, officer_a), officer_a, FIRST), officer_a)
    assert concern.state == ConcernState.ANSWERED
    version = AnswerVersion.objects.get(concern=concern)
    assert (version.number, version.status, version.public_text) == (
        1,
        AnswerVersionStatus.PUBLISHED,
        FIRST,
    )
    assert version.decided_by is None and version.signer_name == ""
    assert version.published_at == concern.answer_published_at


def test_a_dispute_keeps_the_disputed_answer_and_its_approver(
    needs_approval, ward_a, officer_a, head_a
):
    concern = _approve(
        _submit(_draft(f.assigned(ward_a, officer_a), officer_a, FIRST), officer_a), head_a
    )
    concern = services.concern_citizen_dispute(concern=concern, reason="Chưa thỏa đáng.")
    assert concern.state == ConcernState.ASSIGNED
    assert concern.answer_status == AnswerStatus.DRAFT
    version = AnswerVersion.objects.get(concern=concern)
    assert version.status == AnswerVersionStatus.PUBLISHED
    assert version.public_text == FIRST
    assert version.signer_name and version.decided_by == head_a
    assert FIRST in _status_page(concern)


def test_the_citizen_sees_what_they_submitted_but_no_staff_note(no_approval, ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    ConcernNote.objects.create(concern=concern, author=officer_a, text="Ghi chú nội bộ bí mật")
    page = _status_page(concern)
    assert concern.content in page
    assert "Ghi chú nội bộ bí mật" not in page
    assert officer_a.username not in page


def test_versions_never_change_their_text_nor_go_away(no_approval, ward_a, officer_a):
    concern = f.answered(ward_a, officer_a)
    version = AnswerVersion.objects.get(concern=concern)
    version.public_text = "Sửa lại"
    with pytest.raises(PermissionError):
        version.save()
    version = AnswerVersion.objects.get(pk=version.pk)
    version.status = AnswerVersionStatus.PENDING  # published never goes back to pending
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        AnswerVersion.objects.get(pk=version.pk).delete()
    with pytest.raises(PermissionError):
        AnswerVersion.objects.filter(pk=version.pk).update(public_text="x")
    with pytest.raises(PermissionError):
        AnswerVersion.objects.filter(pk=version.pk).delete()
    assert AnswerVersion.objects.get(pk=version.pk).public_text == f.PUBLIC_ANSWER


def test_the_admin_shows_the_versions_read_only(no_approval, ward_a, officer_a, admin_user):
    concern = f.answered(ward_a, officer_a)
    client = Client()
    client.force_login(admin_user)
    url = reverse("admin:petitions_concern_change", args=[concern.pk])
    body = client.get(url).content.decode()
    assert f.PUBLIC_ANSWER in body
    assert 'name="answer_versions-0-public_text"' not in body  # no editable field
    assert 'name="answer_versions-0-DELETE"' not in body


def test_answers_published_before_versions_become_version_one(ward_a, officer_a):
    concern = f.assigned(ward_a, officer_a)
    Concern.objects.filter(pk=concern.pk).update(
        state=ConcernState.ANSWERED,
        answer_status=AnswerStatus.PUBLISHED,
        answer_text="Thư cũ",
        answer_public_text="Trả lời cũ",
        answer_signer_position="Chủ tịch Ủy ban nhân dân phường Bến Thành",
        answer_published_at=f.fresh(concern).received_at,
    )
    migration = importlib.import_module("petitions.migrations.0015_answer_versions")
    migration.published_answers_become_versions(apps, None)
    version = AnswerVersion.objects.get(concern=concern)
    assert (version.number, version.status, version.public_text) == (
        1,
        AnswerVersionStatus.PUBLISHED,
        "Trả lời cũ",
    )
    assert version.published_at == f.fresh(concern).answer_published_at
    assert version.signer_position == "Chủ tịch Ủy ban nhân dân phường Bến Thành"
