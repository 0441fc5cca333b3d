"""The citizen's answer to the answer: accept it, or dispute it with a reason, within the window."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from petitions.models import (
    Concern,
    ConcernState,
    ConcernTransition,
    FollowUpCommitment,
    TransitionAction,
)
from tests.factories.concerns import PHONE_LAST4, PUBLIC_ANSWER, answered

pytestmark = pytest.mark.django_db

LOOKUP = "/concerns/status/"
STATUS = "/concerns/status/view/"
ACCEPT = "/concerns/status/accept/"
DISPUTE = "/concerns/status/dispute/"


def looked_up(client, concern):
    response = client.post(LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4})
    assert response["Location"] == STATUS
    return concern


def test_the_url_names_are_public():
    assert reverse("public_petitions:accept") == ACCEPT
    assert reverse("public_petitions:dispute") == DISPUTE


def test_the_published_answer_and_both_forms_are_shown_within_the_window(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a))
    body = client.get(STATUS).content.decode()
    assert PUBLIC_ANSWER in body
    assert "0903 123 456" not in body  # the letter (with personal data) is not published
    assert f'action="{ACCEPT}"' in body and f'action="{DISPUTE}"' in body
    window_end = concern.answer_published_at  # the window is counted from publication
    assert window_end is not None
    assert "You can accept the answer or dispute it until" in body
    assert "Answer due by" not in body  # answered: the window applies now, not the old deadline


def test_accepting_closes_the_concern_and_says_so(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a))
    response = client.post(ACCEPT, follow=True)
    concern.refresh_from_db()
    assert concern.citizen_verdict == "accepted"
    assert concern.state == ConcernState.CLOSED
    body = response.content.decode()
    assert "you accepted the answer" in body
    assert f'action="{ACCEPT}"' not in body


def test_accepting_an_answer_with_commitments_keeps_them_in_follow_up(client, ward_a, officer_a):
    from petitions.services import commitment_add

    concern = answered(ward_a, officer_a)
    commitment_add(
        actor=officer_a,
        concern=concern,
        version=Concern.objects.get(pk=concern.pk).version,
        what="Thay bóng đèn hẻm 12",
        who="Tổ quản lý đô thị",
        due=timezone.localdate() + timedelta(days=5),
    )
    looked_up(client, concern)
    body = client.get(STATUS).content.decode()
    assert "Thay bóng đèn hẻm 12" in body and "In progress" in body
    client.post(ACCEPT)
    concern.refresh_from_db()
    assert concern.state == ConcernState.FOLLOWING_UP


def test_disputing_reopens_the_concern_with_its_own_deadline(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a))
    response = client.post(
        DISPUTE, {"reason": "Đèn vẫn chưa sáng, phường chưa kiểm tra thực tế."}, follow=True
    )
    concern.refresh_from_db()
    assert concern.citizen_verdict == "disputed"
    assert concern.dispute_count == 1
    assert concern.state == ConcernState.ASSIGNED
    body = response.content.decode()
    assert "Your dispute was recorded" in body
    assert concern.due_at.strftime("%d/%m/%Y") in body
    # The reason is kept for the staff, not echoed on the public timeline.
    row = ConcernTransition.objects.get(concern=concern, action=TransitionAction.DISPUTED)
    assert "Đèn vẫn chưa sáng" in row.note
    # The disputed answer stays in force, and on this page, until a new one replaces it
    # (tests/petitions/test_answer_versions.py).
    assert PUBLIC_ANSWER in body
    assert "You disputed the answer on" in body


@pytest.mark.parametrize("reason", ["", "   ", "ngắn", "x" * 5001, "Lý do\x00 có ký tự lạ ở giữa"])
def test_a_dispute_without_a_proper_reason_is_refused_and_kept(client, ward_a, officer_a, reason):
    concern = looked_up(client, answered(ward_a, officer_a))
    response = client.post(DISPUTE, {"reason": reason})
    assert response.status_code == 200
    assert "reason" in response.context["dispute_form"].errors
    concern.refresh_from_db()
    assert concern.state == ConcernState.ANSWERED and concern.dispute_count == 0


def test_outside_the_window_the_forms_are_gone_and_posts_change_nothing(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a, published_days_ago=30))
    body = client.get(STATUS).content.decode()
    assert f'action="{ACCEPT}"' not in body
    assert "The time to accept or dispute the answer ended on" in body
    response = client.post(
        DISPUTE, {"reason": "Tôi không đồng ý với câu trả lời này."}, follow=True
    )
    assert "has ended" in response.content.decode()
    response = client.post(ACCEPT, follow=True)
    assert "has ended" in response.content.decode()
    concern.refresh_from_db()
    assert concern.state == ConcernState.ANSWERED
    assert concern.citizen_verdict == "" and concern.dispute_count == 0


def test_a_second_verdict_is_refused(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a))
    client.post(ACCEPT)
    response = client.post(DISPUTE, {"reason": "Thật ra tôi không đồng ý nữa."}, follow=True)
    concern.refresh_from_db()
    assert concern.citizen_verdict == "accepted" and concern.dispute_count == 0
    assert response.status_code == 200


def test_verdicts_need_a_fresh_lookup_in_this_browser(client, ward_a, officer_a):
    answered(ward_a, officer_a)
    response = client.post(ACCEPT)
    assert response["Location"] == LOOKUP
    assert Concern.objects.get().state == ConcernState.ANSWERED


@pytest.mark.parametrize("url", [ACCEPT, DISPUTE])
def test_verdicts_are_post_only(client, ward_a, officer_a, url):
    looked_up(client, answered(ward_a, officer_a))
    assert client.get(url).status_code == 405


def test_verdict_forms_need_the_csrf_token(ward_a, officer_a, settings):
    concern = answered(ward_a, officer_a)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = strict.get(LOOKUP)
    token = page.cookies["csrftoken"].value
    strict.post(
        LOOKUP, {"code": concern.tracking_code, "factor": PHONE_LAST4, "csrfmiddlewaretoken": token}
    )
    assert strict.post(ACCEPT).status_code == 403
    concern.refresh_from_db()
    assert concern.state == ConcernState.ANSWERED


def test_verdicts_are_rate_limited(client, ward_a, officer_a):
    looked_up(client, answered(ward_a, officer_a, published_days_ago=30))
    for _ in range(10):
        client.post(ACCEPT)
    assert client.post(ACCEPT).status_code == 429


def _status_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(STATUS).status_code == 200
    return len(queries)


def test_the_status_page_runs_a_fixed_number_of_queries(client, ward_a, officer_a):
    concern = looked_up(client, answered(ward_a, officer_a))
    few = _status_queries(client)
    now = timezone.now()
    ConcernTransition.objects.bulk_create(
        ConcernTransition(
            concern=concern,
            action=TransitionAction.PAUSED,
            from_state=ConcernState.ANSWERED,
            to_state=ConcernState.ANSWERED,
            is_public=True,
            public_note=f"Ghi chú công khai {n}",
            created_at=now,
        )
        for n in range(49)
    )
    FollowUpCommitment.objects.bulk_create(
        FollowUpCommitment(concern=concern, what=f"Việc {n}", who="Tổ dân phố", due=now.date())
        for n in range(50)
    )
    many = _status_queries(client)
    assert many == few
    assert few <= 12
