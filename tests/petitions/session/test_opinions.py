"""Opinions raised at a session: many rows at once, all or nothing, for the session's unit only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from petitions.models import Category, Concern, ConcernState
from petitions.transitions import TRANSITIONS
from tests.factories import make_member
from tests.factories.sessions import make_session
from units.models import Role

pytestmark = pytest.mark.django_db


def url(session) -> str:
    return reverse("petitions:session_opinions", kwargs={"session_pk": session.pk})


def rows(*items, total: int = 5) -> dict:
    """POST data of the formset: ``items`` are dicts of the filled-in rows."""
    data = {
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "100",
    }
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"form-{index}-{key}"] = value
    return data


def answered_row(**extra):
    return {
        "raised_by": "Bà Năm, khu phố 3",
        "content": "Đề nghị lắp đèn hẻm 7.",
        "outcome": "answered",
        "answer": "Phường sẽ lắp trong tháng này.",
        **extra,
    }


def assigned_row(officer, unit, **extra):
    return {
        "content": "Rác tồn đọng ở chợ.",
        "outcome": "assigned",
        "assignee_unit": str(unit.pk),
        "assignee": str(officer.pk),
        **extra,
    }


def referred_row(**extra):
    return {
        "content": "Tranh chấp đất với xã bên.",
        "outcome": "referred",
        "referred_to": "Tòa án nhân dân khu vực 1",
        **extra,
    }


def test_the_url_sits_under_the_staff_concerns(held_session):
    assert url(held_session) == f"/staff/concerns/session/{held_session.pk}/opinions/"


def test_the_page_offers_empty_rows_and_lists_what_was_recorded(
    client, officer_a, held_session, english
):
    client.force_login(officer_a)
    response = client.get(url(held_session))
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 5
    assert held_session.topic in response.content.decode()


def test_three_outcomes_in_one_post(client, officer_a, head_a, held_session, ward_a):
    client.force_login(officer_a)
    category = Category.objects.first()
    due = timezone.localdate() + timedelta(days=14)
    data = rows(
        answered_row(category=str(category.pk)),
        assigned_row(head_a, ward_a, due_at=due.isoformat()),
        referred_row(),
    )
    response = client.post(url(held_session), data)
    assert response.status_code == 302
    assert response["Location"] == url(held_session)
    concerns = {c.state: c for c in Concern.objects.filter(session=held_session)}
    assert set(concerns) == {ConcernState.CLOSED, ConcernState.ASSIGNED, ConcernState.REFERRED}
    closed = concerns[ConcernState.CLOSED]
    assert closed.answer_public_text == "Phường sẽ lắp trong tháng này."
    assert closed.submitter_name == "Bà Năm, khu phố 3"
    assert closed.category == category
    assigned = concerns[ConcernState.ASSIGNED]
    assert assigned.assignee == head_a and assigned.due_at == due
    assert concerns[ConcernState.REFERRED].referred_to == "Tòa án nhân dân khu vực 1"
    assert all(c.channel == "session" for c in concerns.values())


def test_every_opinion_leaves_a_history_the_lifecycle_table_allows(
    client, officer_a, head_a, held_session, ward_a
):
    client.force_login(officer_a)
    category = Category.objects.first()
    data = rows(
        answered_row(category=str(category.pk)), assigned_row(head_a, ward_a), referred_row()
    )
    client.post(url(held_session), data)
    opinions = list(Concern.objects.filter(session=held_session))
    assert len(opinions) == 3
    for concern in opinions:
        moves = list(concern.transitions.values_list("action", "from_state", "to_state"))
        state = ""
        for action, from_state, to_state in moves:
            assert from_state == state, (concern.state, moves)  # an unbroken chain
            if from_state and from_state != to_state:  # a move some row of the table allows
                assert any(
                    from_state in row.sources and row.target in (to_state, None)
                    for row in TRANSITIONS
                ), (action, from_state, to_state)
            state = to_state
        assert state == concern.state
    answered = Concern.objects.get(session=held_session, state=ConcernState.CLOSED)
    assert [
        a for a, _f, _t in answered.transitions.values_list("action", "from_state", "to_state")
    ] == [
        "submitted",
        "accepted",
        "assigned",
        "answered",
        "closed",
    ]


def test_an_assigned_row_without_a_date_takes_the_rule(client, officer_a, held_session, ward_a):
    client.force_login(officer_a)
    client.post(url(held_session), rows(assigned_row(officer_a, ward_a)))
    concern = Concern.objects.get()
    assert concern.due_at is not None and concern.due_explanation


def test_the_recorded_opinions_are_listed_after_saving(client, officer_a, held_session, english):
    client.force_login(officer_a)
    response = client.post(url(held_session), rows(referred_row()), follow=True)
    body = response.content.decode()
    assert "1 opinion recorded." in body
    assert Concern.objects.get().tracking_code in body


BAD_ROWS = {
    "answered without the answer": ({"content": "Ý kiến", "outcome": "answered"}, "answer"),
    "assigned without the officer": ({"content": "Ý kiến", "outcome": "assigned"}, "assignee"),
    "referred without the body": ({"content": "Ý kiến", "outcome": "referred"}, "referred_to"),
    "no outcome": ({"content": "Ý kiến"}, "outcome"),
    "no content": ({"outcome": "referred", "referred_to": "Sở Xây dựng"}, "content"),
    "NUL byte": ({"content": "Ý\x00 kiến", "outcome": "referred", "referred_to": "Sở"}, "content"),
    "bad date": (
        {"content": "Ý kiến", "outcome": "referred", "referred_to": "Sở", "due_at": "31/02/2026"},
        "due_at",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROWS), ids=list(BAD_ROWS))
def test_one_bad_row_saves_nothing_and_keeps_every_row(client, officer_a, held_session, case):
    client.force_login(officer_a)
    bad, field = BAD_ROWS[case]
    response = client.post(url(held_session), rows(answered_row(), bad, referred_row()))
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    forms = response.context["formset"].forms
    assert field in forms[1].errors
    assert not forms[0].errors and not forms[2].errors
    body = response.content.decode()
    assert "Phường sẽ lắp trong tháng này." in body  # the good rows are kept as typed
    assert "Tòa án nhân dân khu vực 1" in body


def test_a_row_the_service_refuses_rolls_back_the_rows_before_it(
    client, officer_a, held_session, ward_a
):
    client.force_login(officer_a)
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = client.post(
        url(held_session), rows(answered_row(), assigned_row(officer_a, ward_a, due_at=past))
    )
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    assert response.context["formset"].forms[1].non_field_errors()


def test_an_officer_of_another_unit_cannot_be_assigned(
    client, officer_a, officer_b, held_session, ward_a
):
    client.force_login(officer_a)
    response = client.post(url(held_session), rows(assigned_row(officer_b, ward_a)))
    assert response.status_code == 200
    assert "assignee" in response.context["formset"].forms[0].errors
    assert Concern.objects.count() == 0


def test_all_empty_rows_save_nothing_and_say_so(client, officer_a, held_session, english):
    client.force_login(officer_a)
    response = client.post(url(held_session), rows())
    assert response.status_code == 200
    assert "Fill in at least one opinion." in response.content.decode()


def test_more_rows_keeps_what_was_typed_and_saves_nothing(client, officer_a, held_session):
    client.force_login(officer_a)
    data = rows(answered_row(), {"content": "Nửa chừng"}, total=5)
    data["more_rows"] = "1"
    response = client.post(url(held_session), data)
    assert response.status_code == 200
    assert Concern.objects.count() == 0
    formset = response.context["formset"]
    assert len(formset.forms) == 7  # two typed rows + five empty ones
    body = response.content.decode()
    assert "Phường sẽ lắp trong tháng này." in body and "Nửa chừng" in body
    assert not formset.is_bound  # no error shown for the half-typed row yet


@pytest.mark.parametrize(
    "state", ["draft", "planned", "announced", "postponed", "cancelled", "closed"]
)
def test_sessions_not_held_refuse_entry_with_a_clear_message(
    client, officer_a, ward_a, state, english
):
    session = make_session(ward_a, state=state)
    client.force_login(officer_a)
    response = client.get(url(session))
    assert response.status_code == 200
    assert response.context["formset"] is None
    assert "only once the session has been held" in response.content.decode()
    response = client.post(url(session), rows(referred_row()))
    assert response.status_code == 409
    assert Concern.objects.count() == 0


def test_a_concluded_session_accepts_entry(client, officer_a, ward_a):
    session = make_session(ward_a, state="concluded")
    client.force_login(officer_a)
    assert client.post(url(session), rows(referred_row())).status_code == 302


@pytest.mark.parametrize(
    ("persona", "method", "expected"),
    [
        (None, "get", 302),
        (None, "post", 302),
        ("officer_a", "get", 200),
        ("officer_a", "post", 302),
        ("head_a", "get", 200),
        ("head_a", "post", 302),
        ("officer_b", "get", 404),
        ("officer_b", "post", 404),
        ("reviewer", "get", 403),
        ("reviewer", "post", 403),
        ("mttq_a", "get", 403),
        ("mttq_a", "post", 403),
        ("admin_user", "get", 200),
        ("admin_user", "post", 302),
    ],
)
def test_permissions(persona_client, held_session, persona, method, expected):
    client = persona_client(persona)
    if method == "get":
        response = client.get(url(held_session))
    else:
        response = client.post(url(held_session), rows(referred_row()))
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("staff:login"))
    saved = Concern.objects.filter(session=held_session).count()
    assert saved == (1 if (method == "post" and expected == 302 and persona) else 0)


def test_an_unknown_session_is_404(client, officer_a):
    client.force_login(officer_a)
    assert (
        client.get(reverse("petitions:session_opinions", kwargs={"session_pk": 999999})).status_code
        == 404
    )


def test_the_page_runs_a_fixed_number_of_queries(
    client, officer_a, held_session, ward_a, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer_a)
    client.post(url(held_session), rows(referred_row()))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(held_session)).status_code == 200
        return len(queries)

    few = count()
    for n in range(10):
        make_member(ward_a, Role.WARD_OFFICER, username=f"extra_officer_{n}")
    client.post(url(held_session), rows(*[referred_row(content=f"Ý kiến {n}") for n in range(5)]))
    for _ in range(9):
        client.post(
            url(held_session), rows(*[referred_row(content="Ý kiến thêm") for n in range(5)])
        )
    assert Concern.objects.filter(session=held_session).count() == 51
    assert count() == few


def test_blank_rows_cost_no_extra_queries(client, officer_a, held_session, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from petitions import session_views

    client.force_login(officer_a)

    def count(rows: int) -> int:
        monkeypatch.setattr(session_views, "ROWS", rows)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(held_session))
        assert len(response.context["formset"].forms) == rows
        return len(queries)

    assert count(5) == count(20) <= 11
