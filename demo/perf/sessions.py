"""Dialogue sessions and their histories: every ward's cadence of sessions, replayed.

Each session is planned, submitted, approved, announced (sometimes late, sometimes
postponed or cancelled), held, concluded and closed as the services would have done it,
cut at today's midnight: every step an action of ``sessions.transitions`` taken through
``replay.move``. The held ones are remembered: opinions raised there become concerns
(``concerns.py``).
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dialogue_portal.lib.text import fold
from sessions.models import (
    ChairRole,
    CoOrganiser,
    DialogueSession,
    SessionAction,
    SessionFormat,
    SessionHosts,
    SessionKind,
    SessionState,
    SessionTransition,
    TimingRule,
    TimingRuleKind,
)
from workcalendar.calendar import count_working_days

from .accounts import Ward
from .config import FUTURE_DAYS, PerfConfig
from .replay import SESSIONS, begin, move
from .timeline import Timeline
from .words import SESSION_TOPICS, THEMES, random_address
from .writer import TableWriter, first_free_id

SESSION_COLUMNS = [
    "id", "unit_id", "public_id", "kind", "format", "online_link", "topic", "description",
    "place", "planned_start", "planned_end", "target_audience", "expected_attendance",
    "how_to_take_part", "hosts", "party_secretary_name", "chair_name", "delegate_name",
    "delegate_position", "co_organisers", "other_co_organisers", "state", "version",
    "sequence", "submitted_at", "approved_at", "approved_by_id", "announced_at",
    "notice_working_days", "is_late_notice", "late_notice_reason", "postponed_reason",
    "cancelled_reason", "cancelled_at", "actual_start", "actual_end", "chaired_by_role",
    "chaired_by_name", "chaired_by_position", "delegated_by", "co_chairs", "attendance_count",
    "bodies_present", "minutes_text", "recording_link",
    "held_recorded_at", "conclusions_due", "conclusions_number", "conclusions_date",
    "conclusions_signer_name", "conclusions_signer_position", "conclusions_signer_rank",
    "conclusions_signer_id", "conclusions_document_id", "conclusions_text",
    "conclusions_issued_at", "closed_at", "search_text", "created_at", "created_by_id",
    "updated_at",
]  # fmt: skip
SESSION_TRANSITION_COLUMNS = [
    "id", "session_id", "created_at", "actor_id", "actor_name", "action", "from_state",
    "to_state", "note", "data",
]  # fmt: skip


@dataclass
class HeldSession:
    """What the concerns need of a held session: opinions are recorded with it."""

    id: int
    ward: Ward
    topic: str
    recorded_at: datetime
    closed: bool


def _session_slots(config: PerfConfig, timeline: Timeline, wards: list[Ward], rng: random.Random):
    """(ward, day, kind, hosts) of every session: the rules' cadence, then extra sessions.

    Each ward holds its weekly chair's reception, the secretary's two a month and its
    conference(s) as reliably as its ``discipline``; the rest of the yearly budget are
    thematic and ad hoc sessions, more in busier wards. A budget below the rules' needs
    scales everything down (the dashboards then show shortfalls).
    """
    first = timeline.today - timedelta(days=365 * config.years)
    last = timeline.today + timedelta(days=FUTURE_DAYS)
    span_years = (last - first).days / 365
    cadence = 52 + 24 + 2  # per ward and year, at full discipline
    base = sum(w.discipline for w in wards) * cadence * span_years
    budget = config.sessions_per_year * span_years
    scale = min(1.0, budget / base) if base else 0.0
    extras = max(0.0, budget - base)
    total_weight = sum(w.weight for w in wards)
    slots = []
    for ward in wards:
        p = ward.discipline * scale
        weekday = rng.choice((1, 2, 3))  # the chair receives on a fixed weekday
        day = first + timedelta(days=(weekday - first.weekday()) % 7)
        while day <= last:
            if rng.random() < p:
                slots.append(
                    (ward, day, SessionKind.RECEPTION, SessionHosts.PEOPLE_COMMITTEE_CHAIR)
                )
            day += timedelta(days=7)
        month = date(first.year, first.month, 1)
        while month <= last:
            for dom in (rng.randint(5, 12), rng.randint(18, 26)):
                day = month.replace(day=dom)
                if first <= day <= last and rng.random() < p:
                    slots.append((ward, day, SessionKind.RECEPTION, SessionHosts.PARTY_SECRETARY))
            month = (month + timedelta(days=32)).replace(day=1)
        for year in range(first.year, last.year + 1):
            for month_no in (rng.randint(3, 6), rng.randint(9, 12)):
                day = date(year, month_no, rng.randint(1, 28))
                if first <= day <= last and rng.random() < p:
                    slots.append((ward, day, SessionKind.CONFERENCE, SessionHosts.BOTH))
        count = extras * ward.weight / total_weight
        count = int(count) + (rng.random() < count - int(count))
        for _i in range(count):
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            kind = rng.choice((SessionKind.THEMATIC, SessionKind.THEMATIC, SessionKind.AD_HOC))
            hosts = rng.choice(list(SessionHosts))
            slots.append((ward, day, kind, hosts))
    slots.sort(key=lambda s: (s[1], s[0].unit.code, s[2]))
    return slots


class SessionSeeder:
    """Writes sessions and their histories; remembers the held ones for the concerns."""

    def __init__(self, config: PerfConfig, timeline: Timeline, rng: random.Random):
        self.config = config
        self.timeline = timeline
        self.rng = rng
        self.sessions = TableWriter(DialogueSession, SESSION_COLUMNS, config.batch_size)
        self.transitions = TableWriter(
            SessionTransition, SESSION_TRANSITION_COLUMNS, config.batch_size
        )
        self.next_id = first_free_id(DialogueSession)
        self.next_transition = first_free_id(SessionTransition)
        self.held: list[HeldSession] = []
        notice = TimingRule.objects.filter(kind=TimingRuleKind.NOTICE, session_kind="").first()
        conclusions = TimingRule.objects.filter(
            kind=TimingRuleKind.CONCLUSIONS, session_kind=""
        ).first()
        self.notice_days = notice.days if notice else 5
        self.conclusions_rule = (
            (conclusions.days, conclusions.working_days) if conclusions else (10, True)
        )

    def run(self, wards: list[Ward]) -> None:
        for slot in _session_slots(self.config, self.timeline, wards, self.rng):
            self._session(*slot)
        self.sessions.flush()
        self.transitions.flush()

    def _history(self, sid, when, actor_id, actor_name, from_state, to_state, note="", data=None):
        self.transitions.add(
            (
                self.next_transition,
                sid,
                when,
                actor_id,
                actor_name,
                # The action the services record for this change (its event, or the state reached).
                SessionAction.for_change(from_state, to_state, (data or {}).get("event", "")),
                from_state,
                to_state,
                note,
                data or {},
            )
        )
        self.next_transition += 1

    @staticmethod
    def _move(row: dict, name: str) -> tuple[str, str]:
        """Take the table's action ``name`` on the session row: the (from, to) it records."""
        step = move(row, SESSIONS, name)
        return step.from_state, step.to_state

    def _announce_at(self, planned: date, latest: datetime) -> tuple[datetime, int]:
        """When it was announced (never after ``latest``) and the notice that gave."""
        rng, timeline = self.rng, self.timeline
        ahead = rng.randint(6, 15) if rng.random() < 0.9 else rng.randint(1, self.notice_days - 1)
        day = timeline.add_working(planned, -ahead) if ahead else planned
        moment = timeline.office(day)
        if moment > latest:
            moment = latest - timedelta(hours=rng.randint(1, 20))
        return moment, count_working_days(moment.date(), planned)

    def _session(self, ward: Ward, day: date, kind: str, hosts: str) -> None:  # noqa: C901, PLR0912, PLR0915
        rng, timeline = self.rng, self.timeline
        sid = self.next_id
        self.next_id += 1
        start = timeline.at(day, rng.choice((450, 480, 510, 840, 870)))
        end = start + timedelta(hours=rng.choice((2, 2, 3, 4)))
        topic = SESSION_TOPICS[kind]
        if kind in (SessionKind.THEMATIC, SessionKind.AD_HOC):
            topic = f"{topic} về {rng.choice(THEMES)}"
        topic = f"{topic} – {ward.unit.name}"
        fmt = rng.choices(list(SessionFormat), weights=(85, 5, 10))[0]
        place = "" if fmt == SessionFormat.ONLINE else f"Hội trường UBND, {random_address(rng)}"
        link = "" if fmt == SessionFormat.IN_PERSON else f"https://meet.example.vn/{sid}"
        officer, head = (ward.officer_id, ward.officer_name), (ward.head_id, ward.head_name)
        row = {
            "id": sid,
            "unit_id": ward.unit.pk,
            "public_id": base64.urlsafe_b64encode(rng.randbytes(9)).decode(),
            "kind": kind,
            "format": fmt,
            "online_link": link,
            "topic": topic,
            "description": "",
            "place": place,
            "planned_start": start,
            "planned_end": end,
            "target_audience": "Nhân dân các khu phố trên địa bàn",
            "expected_attendance": rng.choice((30, 50, 80, 120, 200)),
            "how_to_take_part": "Người dân đến trực tiếp, mang theo giấy tờ tùy thân.",
            "hosts": hosts,
            "party_secretary_name": ward.secretary_name,
            "chair_name": ward.chair_name,
            "delegate_name": "",
            "delegate_position": "",
            "co_organisers": [CoOrganiser.FATHERLAND_FRONT.value],
            "other_co_organisers": "",
            "state": "",  # drafted below (replay.begin)
            "version": 1,
            "sequence": 0,
            "submitted_at": None,
            "approved_at": None,
            "approved_by_id": None,
            "announced_at": None,
            "notice_working_days": None,
            "is_late_notice": False,
            "late_notice_reason": "",
            "postponed_reason": "",
            "cancelled_reason": "",
            "cancelled_at": None,
            "actual_start": None,
            "actual_end": None,
            "chaired_by_role": "",
            "chaired_by_name": "",
            "chaired_by_position": "",
            "delegated_by": "",
            "co_chairs": "",
            "attendance_count": None,
            "bodies_present": "",
            "minutes_text": "",
            "recording_link": "",
            "held_recorded_at": None,
            "conclusions_due": None,
            "conclusions_number": "",
            "conclusions_date": None,
            "conclusions_signer_name": "",
            "conclusions_signer_position": "",
            "conclusions_signer_rank": "",
            "conclusions_signer_id": None,
            "conclusions_document_id": None,
            "conclusions_text": "",
            "conclusions_issued_at": None,
            "closed_at": None,
            "search_text": fold(f"{topic} {place}")[:700],
            "created_at": None,
            "created_by_id": ward.officer_id,
            "updated_at": None,
        }
        cutoff = timeline.cutoff
        past = start < cutoff
        roll = rng.random()
        # The plan: created, submitted, approved well before the announcement.
        created = timeline.office(day - timedelta(days=rng.randint(15, 30)))
        created = min(created, cutoff - timedelta(hours=rng.randint(30, 200)))
        row["created_at"] = created
        drafted = begin(row, SESSIONS)
        self._history(sid, created, *officer, drafted.from_state, drafted.to_state)
        last = created
        if (past and roll < 0.005) or (not past and roll < 0.1):
            return self._finish(row, last)  # a draft nobody took further
        submitted = created + timedelta(hours=rng.randint(2, 30))
        approved = submitted + timedelta(hours=rng.randint(2, 48))
        approved = min(approved, cutoff - timedelta(hours=1))
        submitted = min(submitted, approved - timedelta(minutes=30))
        row.update(submitted_at=submitted, approved_at=approved, approved_by_id=ward.head_id)
        self._history(
            sid, submitted, *officer, *self._move(row, "submit"), data={"event": "submitted"}
        )
        self._history(sid, approved, *head, *self._move(row, "approve"))
        row["version"] = 3
        last = approved
        if (past and roll < 0.01) or (not past and roll < 0.25):
            return self._finish(row, last)  # approved, never announced
        if (past and roll < 0.02) or (not past and roll < 0.27):
            # Cancelled before the announcement: never public.
            when = min(
                timeline.office(day - timedelta(days=rng.randint(1, 5))),
                cutoff - timedelta(minutes=5),
            )
            when = max(when, last + timedelta(minutes=5))
            return self._cancel(row, sid, when, officer, last)
        postponed = (past and roll < 0.05) or (not past and roll < 0.32)
        original = start - timedelta(days=rng.randint(3, 14)) if postponed else start
        announced, notice = self._announce_at(original.date(), min(original, cutoff))
        announced = max(announced, last + timedelta(minutes=10))
        late = notice < self.notice_days
        self._record_announce(row, sid, announced, notice, late, original, officer, head)
        last = announced
        if postponed:
            moved = max(
                announced + timedelta(hours=rng.randint(2, 48)), original - timedelta(days=2)
            )
            moved = min(moved, cutoff - timedelta(hours=2))
            data = {
                "event": "postponed",
                "old_start": original.isoformat(),
                "old_end": (original + (end - start)).isoformat(),
                "new_start": start.isoformat(),
                "new_end": end.isoformat(),
            }
            reason = "Trùng lịch công tác đột xuất của lãnh đạo."
            self._history(sid, moved, *officer, *self._move(row, "postpone"), reason, data)
            row["postponed_reason"] = reason
            row["sequence"] += 1
            row["version"] += 1
            last = moved
            if not past and roll > 0.3:
                return self._finish(row, last)  # postponed, not re-announced yet
            again, notice = self._announce_at(day, min(start, cutoff))
            again = max(again, last + timedelta(minutes=10))
            self._record_announce(
                row, sid, again, notice, notice < self.notice_days, start, officer, head
            )
            last = again
        if not past:
            if roll > 0.97:
                when = max(last + timedelta(hours=1), cutoff - timedelta(hours=rng.randint(2, 100)))
                return self._cancel(
                    row, sid, min(when, cutoff - timedelta(minutes=1)), officer, last
                )
            return self._finish(row, last)
        if roll < 0.06:
            when = min(start - timedelta(hours=rng.randint(2, 72)), cutoff - timedelta(minutes=1))
            return self._cancel(row, sid, max(when, last + timedelta(minutes=5)), officer, last)
        # Held: recorded within a few days, unless today came first.
        actual_start = start + timedelta(minutes=rng.randint(0, 20))
        actual_end = actual_start + (end - start)
        recorded = timeline.office(
            actual_end.date() + timedelta(days=rng.choice((0, 0, 1, 1, 2, 4)))
        )
        recorded = max(recorded, actual_end + timedelta(minutes=15))
        if recorded >= cutoff:
            return self._finish(row, last)  # announced, happened, not recorded yet
        days, working = self.conclusions_rule
        conclusions_due, explanation = timeline.due(actual_start.date(), days, working)
        attendance = rng.randint(20, 250)
        delegated = rng.random() < 0.1
        role = (
            ChairRole.DELEGATE
            if delegated
            else ChairRole.PARTY_SECRETARY
            if hosts == SessionHosts.PARTY_SECRETARY
            else ChairRole.PEOPLE_COMMITTEE_CHAIR
        )
        row.update(
            actual_start=actual_start,
            actual_end=actual_end,
            chaired_by_role=role,
            chaired_by_name=ward.secretary_name
            if role == ChairRole.PARTY_SECRETARY
            else ward.chair_name,
            chaired_by_position=(
                f"Bí thư Đảng ủy {ward.unit.name_in_text}"
                if role == ChairRole.PARTY_SECRETARY
                else f"Phó Chủ tịch Ủy ban nhân dân {ward.unit.name_in_text}"
                if delegated
                else f"Chủ tịch Ủy ban nhân dân {ward.unit.name_in_text}"
            ),
            # A delegate (a Phó Chủ tịch) stands in for the Chủ tịch.
            delegated_by=ChairRole.PEOPLE_COMMITTEE_CHAIR if delegated else "",
            attendance_count=attendance,
            bodies_present="Đảng ủy, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam, các đoàn thể",
            minutes_text="Biên bản ghi nhận ý kiến của người dân và trả lời của lãnh đạo.",
            held_recorded_at=recorded,
            conclusions_due=conclusions_due,
        )
        self._history(
            sid,
            recorded,
            *officer,
            *self._move(row, "record_held"),
            data={
                "attendance": attendance,
                "files": [],
                "conclusions_due": conclusions_due.isoformat(),
                "due_explanation": explanation,
            },
        )
        row["version"] += 1
        last = recorded
        lag = rng.randint(2, days) if rng.random() < 0.88 else rng.randint(days + 1, days + 15)
        notice_day = timeline.add_working(actual_start.date(), lag)
        issued = max(timeline.office(notice_day), last + timedelta(hours=1))
        if issued < cutoff:
            # The issuer follows who chaired: the Bí thư's conclusions are a Party notice.
            party = row["chaired_by_role"] == ChairRole.PARTY_SECRETARY
            n = rng.randint(1, 999)
            number = f"{n}-TB/ĐU" if party else f"{n}/TB-UBND"
            row.update(
                conclusions_number=number,
                conclusions_date=issued.date(),
                conclusions_signer_name=ward.secretary_name if party else ward.head_name,
                conclusions_signer_position=(
                    f"Bí thư Đảng ủy {ward.unit.name_in_text}"
                    if party
                    else f"Chủ tịch Ủy ban nhân dân {ward.unit.name_in_text}"
                ),
                conclusions_signer_rank="head",
                conclusions_signer_id=None if party else ward.head_id,
                conclusions_text="Kết luận của người chủ trì về các ý kiến, kiến nghị của Nhân dân.",
                conclusions_issued_at=issued,
            )
            row["version"] += 2  # the draft conclusions, then the notice issued
            self._move(row, "conclusions")
            self._history(
                sid,
                issued,
                *head,
                *self._move(row, "issue_conclusions"),
                number,
                {
                    "number": number,
                    "date": issued.date().isoformat(),
                    "due": conclusions_due.isoformat(),
                    "on_time": issued.date() <= conclusions_due,
                },
            )
            last = issued
            closing = issued + timedelta(days=rng.randint(3, 30))
            if rng.random() < 0.7 and closing < cutoff:
                row["closed_at"] = closing
                row["version"] += 1
                self._history(sid, closing, *officer, *self._move(row, "close"))
                last = closing
        self.held.append(
            HeldSession(
                id=sid,
                ward=ward,
                topic=topic,
                recorded_at=recorded,
                closed=row["state"] == SessionState.CLOSED,
            )
        )
        return self._finish(row, last)

    def _record_announce(self, row, sid, when, notice, late, start, officer, head):
        actor = head if late else officer
        reason = (
            "Lịch làm việc thay đổi, cần tổ chức sớm để kịp giải quyết kiến nghị." if late else ""
        )
        row.update(
            announced_at=when,
            notice_working_days=notice,
            is_late_notice=late,
            late_notice_reason=reason,
        )
        row["version"] += 1
        data = {
            "event": "announced",
            "notice": notice,
            "required": self.notice_days,
            "working_days": True,
            "late": late,
            "start": start.isoformat(),
        }
        self._history(sid, when, *actor, *self._move(row, "announce"), reason, data)

    def _cancel(self, row, sid, when, officer, last):
        reason = "Không đủ điều kiện tổ chức theo kế hoạch."
        if row["announced_at"] is not None:
            row["sequence"] += 1
        self._history(sid, when, *officer, *self._move(row, "cancel"), reason)
        row.update(cancelled_reason=reason, cancelled_at=when)
        row["version"] += 1
        return self._finish(row, when)

    def _finish(self, row, last) -> None:
        row["updated_at"] = last
        self.sessions.add(tuple(row[c] for c in SESSION_COLUMNS))
