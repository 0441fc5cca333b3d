"""Sessions and concerns made through the sessions and petitions services, on chosen dates.

:func:`build_may_2026` is the hand-built dataset with known answers: see
``tests/compliance/test_figures.py`` for the expected figures and why. :func:`bulk_scene`
writes many rows at once, for the query-count tests.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from petitions import services as concerns
from petitions.models import Concern, ConcernChannel, ConcernType
from sessions import services as sessions
from sessions.models import ChairRole, DialogueSession, SessionHosts, SessionKind
from tests.factories.concerns import category, fresh

_counter = itertools.count(1)


def local(year, month, day, hour=8, minute=0) -> datetime:
    return timezone.make_aware(
        datetime(year, month, day, hour, minute), timezone.get_default_timezone()
    )


# --- sessions ------------------------------------------------------------------------------


def party_staff(unit) -> tuple:
    """The Party committee's office officer and Bí thư of ``unit`` (made on first use): the
    Bí thư's sessions are planned and approved on the Party's side."""
    from tests.factories.units import make_member
    from units.models import Membership, Role

    def holder(role, name):
        found = Membership.objects.filter(unit=unit, role=role, is_active=True).first()
        return found.user if found else make_member(unit, role, full_name=name)

    return (
        holder(Role.PARTY_OFFICER, "Đỗ Thị Thu"),
        holder(Role.PARTY_SECRETARY, "Nguyễn Văn Hải"),
    )


def _by_hosts(unit, officer, head, hosts) -> tuple:
    """Who plans and approves: the Party's side for the Bí thư's own sessions."""
    if hosts == SessionHosts.PARTY_SECRETARY:
        return party_staff(unit)
    return officer, head


def plan(unit, officer, head, *, kind, hosts, start: datetime) -> DialogueSession:
    officer, head = _by_hosts(unit, officer, head, hosts)
    n = next(_counter)
    session = sessions.session_create(
        actor=officer,
        unit=unit,
        fields={
            "kind": kind,
            "format": DialogueSession.Format.IN_PERSON,
            "topic": f"Tiếp xúc, đối thoại số {n}",
            "place": "Hội trường UBND",
            "planned_start": start,
            "planned_end": start + timedelta(hours=3),
            "hosts": hosts,
            "party_secretary_name": "Nguyễn Văn Hải",
            "chair_name": "Trần Minh Tuấn",
        },
    )
    sessions.session_submit(actor=officer, session_id=session.pk)
    return sessions.session_approve(actor=head, session_id=session.pk)


def held_session(
    clock,
    unit,
    officer,
    head,
    *,
    kind=SessionKind.RECEPTION,
    hosts=SessionHosts.BOTH,
    start: date,
    announced: date,
    late_reason: str = "",
    postponed: tuple[date, date, date] | None = None,
    conclusions_issued: date | None = None,
    conclusions_dated: date | None = None,
) -> DialogueSession:
    """Planned and announced on ``announced``, held on ``start`` (08:00, three hours).

    ``postponed=(first_announced, postponed_on, first_start)``: first announced for
    ``first_start``, postponed on ``postponed_on``, announced again on ``announced``.
    ``conclusions_issued``: the head issues the notice on that day, dated
    ``conclusions_dated`` (default: the same day).
    """
    when = local(start.year, start.month, start.day)
    first = when
    if postponed:
        first_announced, postponed_on, first_start = postponed
        first = local(first_start.year, first_start.month, first_start.day)
        _at(clock, first_announced, 8)
    else:
        _at(clock, announced, 8)
    session = plan(unit, officer, head, kind=kind, hosts=hosts, start=first)
    officer, head = _by_hosts(unit, officer, head, hosts)
    if postponed:
        sessions.session_announce(actor=officer, session_id=session.pk)
        _at(clock, postponed_on, 10)
        sessions.session_postpone(
            actor=officer,
            session_id=session.pk,
            reason="Trùng lịch họp của Thành ủy",
            new_start=when,
            new_end=when + timedelta(hours=3),
        )
        _at(clock, announced, 9)
    sessions.session_announce(
        actor=head if late_reason else officer, session_id=session.pk, late_reason=late_reason
    )
    clock.to(start.year, start.month, start.day, 15)
    by_chair = hosts == SessionHosts.PEOPLE_COMMITTEE_CHAIR or kind == SessionKind.CONFERENCE
    session = sessions.session_record_held(
        actor=officer,
        session_id=session.pk,
        actual_start=when,
        actual_end=when + timedelta(hours=3),
        chaired_by_role=ChairRole.PEOPLE_COMMITTEE_CHAIR if by_chair else ChairRole.PARTY_SECRETARY,
        chaired_by_name="Trần Minh Tuấn" if by_chair else "Nguyễn Văn Hải",
        attendance_count=80,
    )
    # The notice is written and signed on the side of whoever chaired.
    officer, head = party_staff(unit) if session.issuer_institution == "party" else (officer, head)
    if conclusions_issued:
        clock.to(conclusions_issued.year, conclusions_issued.month, conclusions_issued.day, 10)
        session = sessions.session_save_conclusions(
            actor=officer,
            session_id=session.pk,
            expected_version=DialogueSession.objects.get(pk=session.pk).version,
            fields={
                "conclusions_date": conclusions_dated or conclusions_issued,
                "conclusions_text": "Kết luận: giao các bộ phận giải quyết ý kiến của Nhân dân.",
            },
            signer_id=head.pk,
        )
        session = sessions.session_issue_conclusions(actor=head, session_id=session.pk)
    return DialogueSession.objects.get(pk=session.pk)


def cancelled_session(clock, unit, officer, head, *, start: date, announced: date, cancelled: date):
    clock.to(announced.year, announced.month, announced.day, 8)
    session = plan(
        unit,
        officer,
        head,
        kind=SessionKind.RECEPTION,
        hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
        start=local(start.year, start.month, start.day),
    )
    sessions.session_announce(actor=officer, session_id=session.pk)
    clock.to(cancelled.year, cancelled.month, cancelled.day, 9)
    return sessions.session_cancel(actor=officer, session_id=session.pk, reason="Mưa bão")


# --- concerns ------------------------------------------------------------------------------


def _at(clock, day: date, hour: int = 9):
    clock.to(day.year, day.month, day.day, hour)


def received(clock, unit, day: date, *, type=ConcernType.REPORT, hour: int = 9) -> Concern:
    _at(clock, day, hour)
    n = next(_counter)
    return concerns.concern_submit(
        unit=unit,
        channel=ConcernChannel.WEB,
        type=type,
        category=category(),
        content=f"Phản ánh số {n}: rác thải tồn đọng ở hẻm {n}",
        submitter_name="Nguyễn Văn A",
        submitter_phone="0903 123 456",
        submitter_email=f"dan{n}@example.test",
        consent=True,
    )


def accept(clock, concern, actor, day: date) -> Concern:
    _at(clock, day, 10)
    concern = fresh(concern)
    concerns.concern_accept(
        actor=actor, concern=concern, version=None, type=concern.type, category=concern.category
    )
    return concerns.concern_assign(
        actor=actor, concern=fresh(concern), version=None, assignee=actor
    )


def answer(clock, concern, actor, day: date) -> Concern:
    _at(clock, day, 14)
    concerns.concern_answer_save(
        actor=actor,
        concern=fresh(concern),
        version=None,
        answer_text="Kính gửi ông Nguyễn Văn A: UBND đã chỉ đạo thu gom rác.",
        answer_public_text="UBND đã chỉ đạo thu gom rác.",
    )
    return concerns.concern_answer_submit(actor=actor, concern=fresh(concern), version=None)


def dispute(clock, concern, day: date) -> Concern:
    _at(clock, day, 11)
    return concerns.concern_citizen_dispute(concern=fresh(concern), reason="Rác vẫn còn")


def pause(clock, concern, actor, start: date, end: date | None) -> Concern:
    _at(clock, start, 9)
    concerns.concern_pause_start(
        actor=actor, concern=fresh(concern), version=None, reason="Chờ người dân bổ sung ảnh"
    )
    if end:
        _at(clock, end, 9)
        concerns.concern_pause_end(actor=actor, concern=fresh(concern), version=None)
    return fresh(concern)


def extend(clock, concern, actor, head, day: date, new_due: date) -> Concern:
    _at(clock, day, 9)
    extension = concerns.concern_extension_request(
        actor=actor,
        concern=fresh(concern),
        version=None,
        new_due=new_due,
        reason="Cần khảo sát hiện trường",
    )
    concerns.concern_extension_decide(actor=head, extension=extension, version=None, approve=True)
    return fresh(concern)


@dataclass
class Dataset:
    """The objects of the hand-built dataset, by the names the expectations use."""

    sessions: dict[str, DialogueSession] = field(default_factory=dict)
    concerns: dict[str, Concern] = field(default_factory=dict)

    def fresh(self) -> "Dataset":
        """The same rows read again, as new objects (a dataset shared by a module's tests
        keeps its own objects untouched)."""
        sessions = DialogueSession.objects.in_bulk([s.pk for s in self.sessions.values()])
        concerns = Concern.objects.in_bulk([c.pk for c in self.concerns.values()])
        return Dataset(
            sessions={name: sessions[s.pk] for name, s in self.sessions.items()},
            concerns={name: concerns[c.pk] for name, c in self.concerns.items()},
        )


def build_may_2026(clock, *, ward_a, ward_b, officer_a, head_a, officer_b, head_b) -> Dataset:
    """The dataset behind the May 2026 expectations (today: Monday 15/06/2026).

    Working days of May 2026: 4–8, 11–15, 18–22, 25–29 (1 May is Labour Day); April has
    Hùng Kings' day off on Monday 27/04 and Reunification Day on 30/04.
    """
    d = Dataset()
    s = d.sessions
    # --- ward A sessions ------------------------------------------------------------------
    s["a_reception_on_time"] = held_session(
        clock, ward_a, officer_a, head_a,
        hosts=SessionHosts.PARTY_SECRETARY,
        start=date(2026, 5, 6), announced=date(2026, 4, 22),
        conclusions_issued=date(2026, 5, 15),
    )  # fmt: skip
    s["a_reception_late_notice"] = held_session(
        clock, ward_a, officer_a, head_a,
        hosts=SessionHosts.BOTH,
        start=date(2026, 5, 13), announced=date(2026, 5, 11),
        late_reason="Người dân đề nghị đối thoại gấp về ngập nước",
        conclusions_issued=date(2026, 6, 1),
    )  # fmt: skip
    s["a_conference_no_conclusions"] = held_session(
        clock, ward_a, officer_a, head_a,
        kind=SessionKind.CONFERENCE, hosts=SessionHosts.BOTH,
        start=date(2026, 5, 20), announced=date(2026, 5, 4),
    )  # fmt: skip
    s["a_cancelled"] = cancelled_session(
        clock, ward_a, officer_a, head_a,
        start=date(2026, 5, 27), announced=date(2026, 5, 12), cancelled=date(2026, 5, 20),
    )  # fmt: skip
    s["a_reception_chair"] = held_session(
        clock, ward_a, officer_a, head_a,
        hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
        start=date(2026, 5, 27), announced=date(2026, 5, 15),
        conclusions_issued=date(2026, 6, 2),
    )  # fmt: skip
    # --- ward B sessions ------------------------------------------------------------------
    s["b_reception_chair"] = held_session(
        clock, ward_b, officer_b, head_b,
        hosts=SessionHosts.PEOPLE_COMMITTEE_CHAIR,
        start=date(2026, 5, 7), announced=date(2026, 4, 23),
        conclusions_issued=date(2026, 5, 12),
    )  # fmt: skip
    s["b_postponed_then_held"] = held_session(
        clock, ward_b, officer_b, head_b,
        hosts=SessionHosts.PARTY_SECRETARY,
        start=date(2026, 5, 21), announced=date(2026, 5, 6),
        postponed=(date(2026, 4, 28), date(2026, 5, 5), date(2026, 5, 14)),
        conclusions_issued=date(2026, 5, 28),
    )  # fmt: skip

    # --- ward A concerns ------------------------------------------------------------------
    c = d.concerns
    # Answered on time in 12 working days; carries two commitments.
    c["c1"] = received(clock, ward_a, date(2026, 5, 4))
    accept(clock, c["c1"], officer_a, date(2026, 5, 5))
    # Answered late: due 07/05, answered 12/05.
    c["c2"] = received(clock, ward_a, date(2026, 4, 6))
    accept(clock, c["c2"], officer_a, date(2026, 4, 7))
    answer(clock, c["c2"], officer_a, date(2026, 5, 12))
    # Paused 11/05–15/05 (4 working days) and extended; answered 29/05 on time.
    c["c3"] = received(clock, ward_a, date(2026, 5, 4))
    accept(clock, c["c3"], officer_a, date(2026, 5, 4))
    pause(clock, c["c3"], officer_a, date(2026, 5, 11), date(2026, 5, 15))
    extend(clock, c["c3"], officer_a, head_a, date(2026, 5, 20), date(2026, 6, 15))
    answer(clock, c["c3"], officer_a, date(2026, 5, 29))
    # Due 04/05, extended to 25/05, answered 22/05: on time only thanks to the extension.
    c["c4"] = received(clock, ward_a, date(2026, 4, 1))
    accept(clock, c["c4"], officer_a, date(2026, 4, 2))
    extend(clock, c["c4"], officer_a, head_a, date(2026, 4, 28), date(2026, 5, 25))
    answer(clock, c["c4"], officer_a, date(2026, 5, 22))
    # Open and overdue: answer due 13/05.
    c["c5"] = received(clock, ward_a, date(2026, 4, 10))
    accept(clock, c["c5"], officer_a, date(2026, 4, 13))
    # Never acknowledged: acknowledgement due 18/05.
    c["c6"] = received(clock, ward_a, date(2026, 5, 4))
    # Answered 08/05, disputed 12/05: reopened, new answer due 11/06 (not in May), open.
    c["c7"] = received(clock, ward_a, date(2026, 5, 5))
    accept(clock, c["c7"], officer_a, date(2026, 5, 5))
    answer(clock, c["c7"], officer_a, date(2026, 5, 8))
    dispute(clock, c["c7"], date(2026, 5, 12))
    # Answered 07/05, disputed 08/05, answered again 26/05 (on time: due 08/06).
    c["c8"] = received(clock, ward_a, date(2026, 5, 5))
    accept(clock, c["c8"], officer_a, date(2026, 5, 5))
    answer(clock, c["c8"], officer_a, date(2026, 5, 7))
    dispute(clock, c["c8"], date(2026, 5, 8))
    answer(clock, c["c8"], officer_a, date(2026, 5, 26))
    # A duplicate of c1, merged on 07/05.
    c["c9"] = received(clock, ward_a, date(2026, 5, 6))
    _at(clock, date(2026, 5, 7), 10)
    concerns.concern_merge(
        actor=officer_a, concern=fresh(c["c9"]), version=None, into=fresh(c["c1"])
    )
    # Referred to ward B on 08/05 (ward B answers it: c10b).
    c["c10"] = received(clock, ward_a, date(2026, 5, 6))
    _at(clock, date(2026, 5, 8), 10)
    concerns.concern_refer(
        actor=officer_a,
        concern=fresh(c["c10"]),
        version=None,
        to_unit=ward_b,
        note="Thuộc xã Cần Giờ",
    )
    c["c10b"] = Concern.objects.get(referred_from=c["c10"])
    # Referred to an outside body on 12/05.
    c["c11"] = received(clock, ward_a, date(2026, 5, 11))
    _at(clock, date(2026, 5, 12), 10)
    concerns.concern_refer(
        actor=officer_a,
        concern=fresh(c["c11"]),
        version=None,
        outside_body="Sở Xây dựng",
        note_to_citizen="Việc này thuộc thẩm quyền của Sở Xây dựng.",
    )
    # Acknowledged late (20/05, due 18/05), answered on time 28/05.
    c["c13"] = received(clock, ward_a, date(2026, 5, 4))
    accept(clock, c["c13"], officer_a, date(2026, 5, 20))
    answer(clock, c["c13"], officer_a, date(2026, 5, 28))
    # Due 21/05 but paused since 18/05: not overdue.
    c["c14"] = received(clock, ward_a, date(2026, 4, 20))
    accept(clock, c["c14"], officer_a, date(2026, 4, 21))
    pause(clock, c["c14"], officer_a, date(2026, 5, 18), None)
    # c1 answered 20/05 with two commitments: one done, one overdue; a third due in June.
    answer(clock, c["c1"], officer_a, date(2026, 5, 20))
    _at(clock, date(2026, 5, 20), 15)
    done = concerns.commitment_add(
        actor=officer_a, concern=fresh(c["c1"]), version=None,
        what="Thu gom rác hẻm 12", who="Tổ dân phố 3", due=date(2026, 5, 25),
    )  # fmt: skip
    concerns.commitment_add(
        actor=officer_a, concern=fresh(c["c1"]), version=None,
        what="Lắp biển cấm đổ rác", who="Đội quản lý đô thị", due=date(2026, 5, 29),
    )  # fmt: skip
    concerns.commitment_add(
        actor=officer_a, concern=fresh(c["c1"]), version=None,
        what="Kiểm tra lại sau một tháng", who="Tổ dân phố 3", due=date(2026, 6, 30),
    )  # fmt: skip
    _at(clock, date(2026, 5, 24), 9)
    concerns.commitment_complete(actor=officer_a, commitment=done, note="Đã thu gom")

    # --- ward B concerns ------------------------------------------------------------------
    accept(clock, c["c10b"], officer_b, date(2026, 5, 11))
    answer(clock, c["c10b"], officer_b, date(2026, 5, 25))
    # Open and overdue: due 01/05 (a holiday) → 04/05.
    c["b2"] = received(clock, ward_b, date(2026, 4, 1))
    accept(clock, c["b2"], officer_b, date(2026, 4, 1))

    clock.to(2026, 6, 15, 9)
    return d


# --- many rows at once (query-count tests) -------------------------------------------------


def bulk_scene(units, *, per_unit: int, today: date) -> None:
    """Rows as the services leave them, written directly: per unit, ``per_unit`` concerns in
    several states (answered on time, late, overdue, disputed, paused), held sessions with
    and without conclusions, and follow-up commitments.
    """
    from petitions.models import (
        AnswerStatus,
        ConcernState,
        ConcernTransition,
        FollowUpCommitment,
        Pause,
        TransitionAction,
    )
    from petitions.tracking import generate_code
    from sessions.models import SessionState

    start = date(today.year, today.month, 1)
    concerns_rows, sessions_rows = [], []
    for unit in units:
        for i in range(per_unit):
            day = start + timedelta(days=i % 10)
            received_at = local(day.year, day.month, day.day, 9)
            kind = i % 5
            fields = {
                "unit": unit,
                "tracking_code": generate_code(),
                "channel": ConcernChannel.WEB,
                "type": ConcernType.REPORT,
                "category": category(),
                "content": f"Nội dung {i}",
                "received_at": received_at,
                "ack_due_at": day + timedelta(days=14),
                "accepted_at": received_at + timedelta(hours=3),
                "due_at": day + timedelta(days=(2 if kind == 2 else 30)),
                "state": ConcernState.ASSIGNED,
            }
            if kind in (0, 1):
                fields.update(
                    state=ConcernState.ANSWERED,
                    answer_status=AnswerStatus.PUBLISHED,
                    answer_published_at=received_at + timedelta(days=(40 if kind == 1 else 3)),
                )
            if kind == 3:
                fields["dispute_count"] = 1
            concerns_rows.append(Concern(**fields))
        for i in range(max(1, per_unit // 5)):
            held = local(start.year, start.month, 1 + i % 9, 8)
            sessions_rows.append(
                DialogueSession(
                    unit=unit,
                    kind=SessionKind.RECEPTION,
                    topic=f"Tiếp dân {i}",
                    place="UBND",
                    planned_start=held,
                    planned_end=held + timedelta(hours=2),
                    state=SessionState.CONCLUDED if i % 2 else SessionState.HELD,
                    announced_at=held - timedelta(days=10),
                    notice_working_days=6,
                    actual_start=held,
                    actual_end=held + timedelta(hours=2),
                    conclusions_due=held.date() + timedelta(days=14),
                    conclusions_date=held.date() + timedelta(days=3) if i % 2 else None,
                    conclusions_issued_at=held + timedelta(days=3) if i % 2 else None,
                )
            )
    for concern in concerns_rows:
        concern.refresh_search_text()
    Concern.objects.bulk_create(concerns_rows)
    DialogueSession.objects.bulk_create(sessions_rows)
    created = list(Concern.objects.filter(unit__in=units).order_by("pk"))
    ConcernTransition.objects.bulk_create(
        ConcernTransition(
            concern=c,
            action=TransitionAction.DISPUTED,
            from_state=ConcernState.ANSWERED,
            to_state=ConcernState.ASSIGNED,
            created_at=c.received_at + timedelta(days=2),
        )
        for c in created
        if c.dispute_count
    )
    Pause.objects.bulk_create(
        Pause(
            concern=c,
            started_at=c.received_at + timedelta(days=1),
            ended_at=c.received_at + timedelta(days=2),
            reason="Chờ bổ sung",
        )
        for c in created[::4]
    )
    FollowUpCommitment.objects.bulk_create(
        FollowUpCommitment(
            concern=c, what="Việc cần làm", who="Tổ dân phố", due=start + timedelta(days=5)
        )
        for c in created[::3]
    )
