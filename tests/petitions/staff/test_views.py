"""The staff pages as an officer, head and reviewer use them."""

import csv
import datetime
import io
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from audit.models import AuditEntry
from petitions import services
from petitions.models import Concern, ConcernState, ConcernType
from tests.factories import concerns as f
from tests.factories import make_member
from units.models import Role

pytestmark = pytest.mark.django_db


def fresh(concern):
    return Concern.objects.get(pk=concern.pk)


def detail_url(concern):
    return reverse("petitions:detail", args=[concern.pk])


# --- Actions through the pages ------------------------------------------------------------


def test_officer_accepts_and_assigns_from_the_detail_page(client, ward_a, officer_a):
    concern = f.submit(ward_a)
    client.force_login(officer_a)
    page = client.get(detail_url(concern))
    assert (
        "Tiếp nhận và phân loại".encode() in page.content or b"Accept and classify" in page.content
    )
    response = client.post(
        reverse("petitions:accept", args=[concern.pk]),
        {"version": concern.version, "type": "report", "category": concern.category_id},
    )
    assert response.status_code == 302
    concern = fresh(concern)
    assert concern.state == ConcernState.ACCEPTED
    response = client.post(
        reverse("petitions:assign", args=[concern.pk]),
        {"version": concern.version, "unit": ward_a.pk, "assignee": officer_a.pk},
    )
    assert response.status_code == 302
    assert fresh(concern).state == ConcernState.ASSIGNED
    page = client.get(detail_url(concern))
    assert concern.due_explanation.encode() in page.content


def test_a_stale_form_shows_a_clear_message_and_keeps_what_was_typed(client, ward_a, officer_a):
    concern = f.assigned(ward_a, officer_a)
    seen = concern.version
    services.concern_add_note(actor=officer_a, concern=concern, text="x")
    services.concern_pause_start(actor=officer_a, concern=concern, version=seen, reason="r")
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:answer_save", args=[concern.pk]),
        {"version": seen, "answer_text": "Thư trả lời rất dài", "answer_public_text": "Công khai"},
    )
    assert response.status_code == 409
    assert (
        str(services.MSG_STALE).encode() in response.content
        or "Người khác".encode() in response.content
    )
    assert "Thư trả lời rất dài".encode() in response.content
    assert fresh(concern).answer_text == ""
    # The form now carries the version the page shows: sending it again saves it.
    assert f'name="version" value="{fresh(concern).version}"'.encode() in response.content


def test_head_approves_a_pending_answer_from_the_page(client, ward_a, officer_a, head_a):
    concern = f.drafted(ward_a, officer_a, type=ConcernType.FEEDBACK)
    concern = services.concern_answer_submit(
        actor=officer_a, concern=concern, version=concern.version
    )
    client.force_login(head_a)
    response = client.post(
        reverse("petitions:answer_approve", args=[concern.pk]), {"version": concern.version}
    )
    assert response.status_code == 302
    assert fresh(concern).state == ConcernState.ANSWERED


def test_bulk_assign_assigns_accepted_concerns_and_lists_the_skipped(
    client, ward_a, officer_a, head_a
):
    ready = f.accepted(ward_a, head_a)
    not_ready = f.submit(ward_a)
    client.force_login(head_a)
    response = client.post(
        reverse("petitions:bulk_assign"),
        {"concerns": [ready.pk, not_ready.pk], "assignee": officer_a.pk},
        follow=True,
    )
    assert fresh(ready).assignee == officer_a
    assert fresh(not_ready).state == ConcernState.RECEIVED
    assert not_ready.tracking_code.encode() in response.content


def test_intake_records_a_walk_in_and_shows_a_printable_receipt(client, ward_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:intake"),
        {
            "unit": ward_a.pk,
            "addressed_to": "state",
            "channel": "walk_in",
            "type": "complaint",
            "content": "Khiếu nại về <script>alert(1)</script> việc cấp phép",
            "submitter_name": "Nguyễn Thị B",
            "submitter_phone": "0901 234 567",
            "consent": "on",
        },
    )
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert concern.channel == "walk_in"
    assert concern.submitted_by == officer_a
    receipt = client.get(response["Location"])
    assert concern.tracking_code.encode() in receipt.content
    page = client.get(detail_url(concern))
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;" in page.content


def test_intake_of_an_anonymous_complaint_is_refused_with_the_reason(client, ward_a, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:intake"),
        {
            "unit": ward_a.pk,
            "addressed_to": "state",
            "channel": "phone",
            "type": "complaint",
            "content": "Khiếu nại",
        },
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()
    assert "Khiếu nại".encode() in response.content


def test_attachment_downloads_as_an_attachment(client, ward_a, officer_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sessions.demo import small_png

    concern = f.submit(
        ward_a, attachments=[SimpleUploadedFile("../../etc/anh.png", small_png(), "image/png")]
    )
    attachment = concern.attachments.get()
    client.force_login(officer_a)
    response = client.get(reverse("petitions:attachment", args=[concern.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "etc" not in response["Content-Disposition"]
    assert response["Content-Type"] == "image/png"


# --- Queue ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "NGUYỄN VĂN AN", unicodedata.normalize("NFD", "Nguyễn Văn An"), "đen duong"],
)
def test_search_is_accent_insensitive_over_name_and_content(client, ward_a, officer_a, query):
    wanted = f.submit(ward_a, submitter_name="Nguyễn Văn An", content="Đèn đường hỏng")
    other = f.submit(ward_a, submitter_name="Trần Thị Bé", content="Rác thải")
    client.force_login(officer_a)
    response = client.get(reverse("petitions:queue"), {"q": query})
    assert wanted.tracking_code.encode() in response.content
    assert other.tracking_code.encode() not in response.content


def test_search_by_a_fragment_of_the_code_typed_without_hyphens(client, ward_a, officer_a):
    wanted = f.submit(ward_a)
    client.force_login(officer_a)
    fragment = wanted.tracking_code.replace("-", "")[2:9].lower()
    response = client.get(reverse("petitions:queue"), {"q": fragment})
    assert wanted.tracking_code.encode() in response.content


def test_a_denunciation_is_not_found_by_its_submitters_name(client, ward_a, officer_a):
    secret = f.submit(ward_a, type=ConcernType.DENUNCIATION, submitter_name="Lê Văn Mật")
    client.force_login(officer_a)
    response = client.get(reverse("petitions:queue"), {"q": "le van mat"})
    assert secret.tracking_code.encode() not in response.content


def test_queue_filters_overdue_and_disputed(client, ward_a, officer_a):
    from datetime import timedelta

    overdue = f.assigned(ward_a, officer_a)
    Concern.objects.filter(pk=overdue.pk).update(due_at=overdue.due_at - timedelta(days=60))
    disputed = f.answered(ward_a, officer_a)
    services.concern_citizen_dispute(concern=disputed, reason="Chưa thỏa đáng")
    calm = f.assigned(ward_a, officer_a)
    client.force_login(officer_a)
    page = client.get(reverse("petitions:queue"), {"overdue": "on"}).content
    assert overdue.tracking_code.encode() in page and calm.tracking_code.encode() not in page
    page = client.get(reverse("petitions:queue"), {"disputed": "on"}).content
    assert disputed.tracking_code.encode() in page and calm.tracking_code.encode() not in page


def test_queue_shows_only_the_users_units(client, ward_a, ward_b, officer_a, officer_b, reviewer):
    mine = f.submit(ward_a)
    theirs = f.submit(ward_b)
    client.force_login(officer_a)
    page = client.get(reverse("petitions:queue")).content
    assert mine.tracking_code.encode() in page and theirs.tracking_code.encode() not in page
    client.force_login(reviewer)
    page = client.get(reverse("petitions:queue")).content
    assert mine.tracking_code.encode() in page and theirs.tracking_code.encode() in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow_with_rows(
    client, ward_a, officer_a, django_assert_num_queries
):
    f.assigned(ward_a, officer_a)
    client.force_login(officer_a)
    url = reverse("petitions:queue")
    one = _queries(client, url)
    for _ in range(49):
        f.assigned(ward_a, officer_a)
    assert Concern.objects.count() == 50
    with django_assert_num_queries(one):
        client.get(url)
    assert one <= 12


def test_detail_query_count_does_not_grow_with_history(
    client, ward_a, officer_a, django_assert_num_queries
):
    concern = f.assigned(ward_a, officer_a)
    f.with_commitment(concern, officer_a)
    services.concern_add_note(actor=officer_a, concern=concern, text="n")
    client.force_login(officer_a)
    url = detail_url(concern)
    client.get(url)  # the first view records that the officer saw the submitter
    one = _queries(client, url)
    for i in range(49):
        f.with_commitment(concern, officer_a, what=f"Việc {i}")
        services.concern_add_note(actor=officer_a, concern=concern, text=f"n{i}")
        services.concern_pause_start(
            actor=officer_a, concern=concern, version=fresh(concern).version, reason="r"
        )
        services.concern_pause_end(actor=officer_a, concern=concern, version=fresh(concern).version)
    with django_assert_num_queries(one):
        client.get(url)
    assert one <= 30


# --- Privacy ----------------------------------------------------------------------------------


def test_reviewer_sees_the_concern_without_contact_details(client, ward_a, officer_a, reviewer):
    concern = f.submit(ward_a, submitter_phone="0909 555 777", submitter_email="ban@example.test")
    client.force_login(reviewer)
    page = client.get(detail_url(concern)).content
    assert b"0909 555 777" not in page and b"ban@example.test" not in page
    assert b'data-testid="contact-hidden"' in page
    client.force_login(officer_a)
    page = client.get(detail_url(concern)).content
    assert b"0909 555 777" in page


def test_a_denunciators_identity_is_shown_only_to_the_handler_and_the_head_and_audited(
    client, ward_a, officer_a, head_a, reviewer
):
    colleague = make_member(ward_a, Role.WARD_OFFICER, username="colleague")
    concern = f.assigned(
        ward_a,
        officer_a,
        type=ConcernType.DENUNCIATION,
        submitter_name="Lê Văn Mật",
        submitter_phone="0911 000 222",
    )
    for user, visible in ((officer_a, True), (head_a, True), (colleague, False), (reviewer, False)):
        client.force_login(user)
        page = client.get(detail_url(concern)).content.decode()
        assert ("Lê Văn Mật" in page) is visible, user.username
        assert ("0911 000 222" in page) is visible, user.username
    viewers = set(
        AuditEntry.objects.filter(action="concern.identity_viewed").values_list(
            "actor_username", flat=True
        )
    )
    assert viewers == {"officer_a", "head_a"}


def test_a_denunciations_attachments_are_not_downloadable_by_others(
    client, ward_a, officer_a, head_a, reviewer
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sessions.demo import small_png

    concern = f.assigned(
        ward_a,
        officer_a,
        type=ConcernType.DENUNCIATION,
        attachments=[SimpleUploadedFile("a.png", small_png(), "image/png")],
    )
    client.force_login(reviewer)
    response = client.get(
        reverse("petitions:attachment", args=[concern.pk, concern.attachments.get().pk])
    )
    assert response.status_code == 403


# --- Exports ----------------------------------------------------------------------------------


def test_csv_export_neutralises_formulas_and_is_audited(client, ward_a, officer_a):
    f.submit(
        ward_a,
        content='=HYPERLINK("http://evil","x")',
        submitter_name="@Nguyễn",
        submitter_phone="+84 903",
    )
    f.submit(ward_a, content="-2+3")
    client.force_login(officer_a)
    response = client.get(reverse("petitions:export_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil","x")' in cells
    assert "'@Nguyễn" in cells and "'+84 903" in cells and "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert (
        AuditEntry.objects.filter(action="concern.exported", actor_username="officer_a").count()
        == 1
    )


def test_xlsx_export_of_the_filtered_queue_keeps_formulas_as_text(client, ward_a, officer_a):
    f.submit(ward_a, content="=1+1", type=ConcernType.RECOMMENDATION)
    f.submit(ward_a, content="không lọt", type=ConcernType.REPORT)
    client.force_login(officer_a)
    response = client.get(reverse("petitions:export_xlsx"), {"type": "recommendation"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    assert "'=1+1" in values[1]
    # Text is text, never a formula; dates, counts and yes/no are typed (not "s").
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    header = values[0]
    received, disputes, overdue = (
        values[1][header.index(gettext(name))] for name in ("Received", "Disputes", "Overdue")
    )
    assert isinstance(received, datetime.datetime) and disputes == 0 and overdue is False
    assert AuditEntry.objects.filter(action="concern.exported").exists()


def test_reviewers_export_has_no_contact_details(client, ward_a, reviewer):
    f.submit(ward_a, submitter_phone="0909 111 333")
    client.force_login(reviewer)
    response = client.get(reverse("petitions:export_csv"))
    assert "0909 111 333" not in b"".join(response.streaming_content).decode("utf-8-sig")


# --- Staff home panel --------------------------------------------------------------------------


def test_staff_home_panel_counts_my_queue(rf, ward_a, officer_a):
    from petitions.hooks import staff_panel

    f.assigned(ward_a, officer_a)
    request = rf.get("/staff/")
    request.user = officer_a
    panel = staff_panel(request)
    assert panel["context"]["mine"] == 1
    assert panel["context"]["open"] == 1


def test_an_answer_sent_after_the_concern_was_referred_says_why_and_keeps_the_text(
    client, ward_a, officer_a
):
    concern = f.assigned(ward_a, officer_a)
    seen = fresh(concern).version
    services.concern_refer(
        actor=officer_a,
        concern=fresh(concern),
        version=seen,
        outside_body="Sở Xây dựng",
        note_to_citizen="Thuộc thẩm quyền của Sở.",
    )
    client.force_login(officer_a)
    response = client.post(
        reverse("petitions:answer_save", args=[concern.pk]),
        {"version": seen, "answer_text": "Thư trả lời đã soạn", "answer_public_text": "Công khai"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Thư trả lời đã soạn" in page
    label = ConcernState.REFERRED.label
    assert escape(str(services.MSG_WRONG_STATE) % {"state": label}) in page
    assert fresh(concern).state == ConcernState.REFERRED and fresh(concern).answer_text == ""
