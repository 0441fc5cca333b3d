"""A concern's life once it is assigned, replayed as the services would have left it.

Pauses, extensions, the answer (drafted, approved when the rule asks, published), the
citizen's verdict and disputes, follow-up commitments and the close; cut at today's
midnight. :class:`Life` is one concern being replayed; :class:`AnswerSteps` is the part of
``ConcernSeeder`` (``concerns.py``) that plays these steps. Every step is an action of
``petitions.transitions`` taken through ``replay.move``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import translation

from petitions.models import (
    AnswerStatus,
    AnswerVerdict,
    CitizenVerdict,
    ConcernRule,
    ConcernState,
    ConcernType,
    ExtensionStatus,
    TransitionAction,
)
from workcalendar.calendar import count_working_days

from .accounts import Ward
from .replay import CONCERNS, Move, begin, move
from .timeline import Timeline, dmy
from .words import ANSWERS
from .writer import TableWriter

# The services' own messages: looked up (not extracted) so the history reads as theirs.
_vi = translation.gettext


class Life:
    """One concern being replayed: its row, its history, and the timeline of its events.

    The row's ``"state"`` is the concern's state: only :meth:`act` (the table's actions,
    ``replay.move``) changes it, and :meth:`log` writes the history row of a move.
    """

    __slots__ = ("row", "events", "last")

    def __init__(self, row: dict, received: datetime):
        self.row = row
        self.events: list[tuple] = []
        row["state"] = ""  # the first entry (submitted, ``begin``) makes it "received"
        self.last = received

    @property
    def state(self) -> str:
        return self.row["state"]

    def begin(self) -> Move:
        return begin(self.row, CONCERNS)

    def act(self, name: str, to: str | None = None) -> Move:
        """Take the table's action ``name`` (``to``: which of its documented outcomes)."""
        return move(self.row, CONCERNS, name, to)

    def step(self, when: datetime) -> datetime:
        """``when``, but never before (or at) the previous event."""
        if when <= self.last:
            when = self.last + timedelta(minutes=1)
        self.last = when
        return when

    def log(self, when, code, actor, step: Move | str, note="", public_note="", is_public=None):
        """The history row ``code`` of ``step`` (a move, or the name of the action to take)."""
        if isinstance(step, str):
            step = self.act(step)
        public = bool(public_note) if is_public is None else is_public
        self.events.append(
            (actor, when, code, step.from_state, step.to_state, note, public, public_note)
        )


class AnswerSteps:
    """The steps after assignment; ``ConcernSeeder`` provides the state they work on."""

    rng: random.Random
    timeline: Timeline
    rules: dict[str, ConcernRule]
    ids: dict[str, int]
    extensions: TableWriter

    def _answer_due(self, type_: str, start: date, is_complex: bool) -> tuple[date, str]:
        rule = self.rules[type_]
        days = rule.complex_days if is_complex and rule.complex_days else rule.answer_days
        return self.timeline.due(start, days, rule.answer_in_working_days)

    def _end(self, life, when, name, code, actor, to=None, note="", public_note="", is_public=None):
        """``services._end``: action ``name`` to a final state, ``closed_at``, an open pause
        ended with it."""
        step = life.act(name, to)
        row = life.row
        row["closed_at"] = when
        if row["paused_since"] is not None:
            row["paused_since"] = None
            pause = row.get("_pause")
            if pause is not None:
                pause[3] = when
        life.log(when, code, actor, step, note=note, public_note=public_note, is_public=is_public)

    def _answer_and_after(self, life: Life, ward: Ward) -> None:  # noqa: C901, PLR0912, PLR0915
        """From assigned: pause, extension, answer, verdict, disputes, commitments, close."""
        rng, timeline = self.rng, self.timeline
        row = life.row
        cutoff = timeline.cutoff
        rule = self.rules[row["type"]]
        officer, head = ward.officer_id, ward.head_id
        start = row["assigned_at"]
        # Working time: a lognormal number of days to the answer (median about 2 weeks).
        answer_at = timeline.office(
            start.date() + timedelta(days=max(1, round(rng.lognormvariate(2.6, 0.6))))
        )
        if rng.random() < 0.04:  # waiting for the citizen's documents
            began = life.step(timeline.office(start.date() + timedelta(days=rng.randint(1, 8))))
            if began >= cutoff:
                return
            ended = timeline.office(began.date() + timedelta(days=rng.randint(3, 20)))
            pause = [
                self.ids["pause"],
                row["id"],
                began,
                None,
                "Chờ người dân bổ sung giấy tờ.",
                officer,
                None,
            ]
            self.ids["pause"] += 1
            row["_pause"] = pause
            row["paused_since"] = began
            life.log(
                began, TransitionAction.PAUSED, officer, "pause_start", note=pause[4],
                public_note=_vi("Waiting for information from you; the deadline is on hold."),
            )  # fmt: skip
            if ended >= cutoff:
                return
            ended = life.step(ended)
            pause[3], pause[6] = ended, officer
            row["paused_since"] = None
            old = row["due_at"]
            days = (ended.date() - began.date()).days
            if rule.answer_in_working_days:
                new = timeline.add_working(old, count_working_days(began.date(), ended.date()))
            else:
                new = timeline.add_calendar(old, days) if days else old
            public = _vi("The deadline runs again.")
            if new != old:
                row["due_at"] = new
                row["due_explanation"] = f"{row['due_explanation']} " + _vi(
                    "Moved from %(old)s to %(new)s for the pause of %(start)s–%(end)s."
                ) % {
                    "old": dmy(old),
                    "new": dmy(new),
                    "start": dmy(began.date()),
                    "end": dmy(ended.date()),
                }
                public = _vi("The deadline runs again and moves from %(old)s to %(new)s.") % {
                    "old": dmy(old),
                    "new": dmy(new),
                }
            life.log(ended, TransitionAction.RESUMED, officer, "pause_end", public_note=public)
            answer_at = max(answer_at, ended + timedelta(days=rng.randint(2, 10)))
        if rng.random() < 0.05 and row["due_at"] is not None:
            asked = life.step(timeline.office(start.date() + timedelta(days=rng.randint(3, 12))))
            if asked >= cutoff:
                return
            old = row["due_at"]
            new = old + timedelta(days=rng.randint(15, 30))
            reason = "Nội dung phức tạp, cần thêm thời gian xác minh."
            extension = [self.ids["extension"], row["id"], reason, officer, asked, old, new,
                         ExtensionStatus.PENDING, None, None, ""]  # fmt: skip
            self.ids["extension"] += 1
            life.log(
                asked, TransitionAction.EXTENSION_REQUESTED, officer, "extension_request",
                note=_vi("Asked to move the due date from %(old)s to %(new)s: %(reason)s")
                % {"old": dmy(old), "new": dmy(new), "reason": reason},
                is_public=False,
            )  # fmt: skip
            decided = timeline.office(timeline.add_working(asked.date(), rng.randint(1, 3)))
            if decided < cutoff:
                decided = life.step(decided)
                extension[8], extension[9] = head, decided
                if rng.random() < 0.8:
                    extension[7] = ExtensionStatus.APPROVED
                    row["due_at"] = new
                    row["due_explanation"] = _vi(
                        "Extended from %(old)s to %(new)s, approved by %(who)s."
                    ) % {"old": dmy(old), "new": dmy(new), "who": ward.head_name}
                    life.log(
                        decided, TransitionAction.EXTENSION_APPROVED, head, "extension_decide",
                        public_note=_vi("The deadline was extended from %(old)s to %(new)s.")
                        % {"old": dmy(old), "new": dmy(new)},
                    )  # fmt: skip
                    answer_at += timedelta(days=rng.randint(5, 20))
                else:
                    extension[7] = ExtensionStatus.REFUSED
                    extension[10] = "Đề nghị khẩn trương hoàn thành đúng hạn."
                    life.log(
                        decided,
                        TransitionAction.EXTENSION_REFUSED,
                        head,
                        "extension_decide",
                        note=extension[10],
                        is_public=False,
                    )
            self.extensions.add(tuple(extension))
            if decided >= cutoff:
                return self._pending(life)
        disputes = 0
        while True:
            if not self._publish(life, ward, answer_at):
                return
            published = row["answer_published_at"]
            window_end = timeline.add_working(published.date(), rule.citizen_window_days)
            roll = rng.random()
            dispute_chance = 0.07 if disputes == 0 else 0.12
            if roll < dispute_chance and disputes < 2:
                when = timeline.office(
                    timeline.add_working(published.date(), rng.randint(1, rule.citizen_window_days))
                )
                if when >= cutoff:
                    return
                when = life.step(when)
                disputes += 1
                due, explanation = self._answer_due(row["type"], when.date(), row["is_complex"])
                row.update(
                    citizen_verdict=CitizenVerdict.DISPUTED,
                    citizen_verdict_at=when,
                    dispute_count=disputes,
                    answer_status=AnswerStatus.DRAFT,
                    answer_approved_by_id=None,
                    answer_signer_name="",
                    answer_signer_position="",
                    answer_signer_rank="",
                    due_at=due,
                    due_explanation=explanation,
                )
                life.log(
                    when, TransitionAction.DISPUTED, None, "citizen_dispute",
                    note="Tôi chưa đồng ý với nội dung trả lời.",
                    public_note=_vi(
                        "You disputed the answer. The concern is reopened; a new answer is due by %(due)s."
                    ) % {"due": dmy(due)},
                )  # fmt: skip
                row["version"] += 1
                answer_at = timeline.office(
                    when.date() + timedelta(days=max(1, round(rng.lognormvariate(2.4, 0.6))))
                )
                continue
            break
        commitments = self._commitments(life, ward) if rng.random() < 0.15 else []
        if roll < dispute_chance + 0.35:
            verdict_at = timeline.office(
                timeline.add_working(published.date(), rng.randint(0, rule.citizen_window_days))
            )
            action, actor = TransitionAction.CITIZEN_ACCEPTED, None
        else:
            verdict_at = timeline.office(window_end + timedelta(days=rng.randint(1, 10)))
            action, actor = TransitionAction.CLOSED, officer
        done = sorted((c[7], c) for c in commitments if c[7] is not None)
        pending_done = [c for t, c in done if t >= verdict_at or verdict_at >= cutoff]
        for moment, commitment in done:
            if (
                moment < verdict_at
                and verdict_at < cutoff
                or (verdict_at >= cutoff and moment < cutoff)
            ):
                self._commitment_done(life, commitment, moment)
        if verdict_at >= cutoff:
            return
        verdict_at = life.step(verdict_at)
        if action == TransitionAction.CITIZEN_ACCEPTED:
            row.update(citizen_verdict=CitizenVerdict.ACCEPTED, citizen_verdict_at=verdict_at)
        still_open = [c for c in commitments if c[7] is None or c[7] >= verdict_at]
        # The citizen accepts, or staff close once the window ended: follow-up or closed.
        name = "citizen_accept" if action == TransitionAction.CITIZEN_ACCEPTED else "close"
        if still_open:
            if action == TransitionAction.CLOSED:
                action = TransitionAction.FOLLOW_UP
            step = life.act(name, ConcernState.FOLLOWING_UP)
            life.log(verdict_at, action, actor, step, is_public=True)
        else:
            return self._end(
                life, verdict_at, name, action, actor, ConcernState.CLOSED, is_public=True
            )
        for commitment in pending_done:
            moment = commitment[7]
            if moment is None or moment >= cutoff:
                return
            self._commitment_done(life, commitment, moment)
        if all(c[7] is not None and c[7] < cutoff for c in commitments):
            # The last commitment done closes it (commitment_complete, the table's close).
            self._end(
                life, life.step(life.last), "close", TransitionAction.CLOSED, officer,
                ConcernState.CLOSED, note=_vi("Every follow-up commitment is done."),
                is_public=True,
            )  # fmt: skip

    def _pending(self, life: Life) -> None:
        """Not answered by today: perhaps a draft, or waiting for the head."""
        row = life.row
        if self.rng.random() < 0.3:
            life.act("answer_save")
            row.update(
                answer_status=AnswerStatus.DRAFT,
                answer_text=ANSWERS[0],
                answer_public_text=ANSWERS[0],
                answer_drafted_by_id=row["assignee_id"],
            )
            row["version"] += 1

    def _publish(self, life: Life, ward: Ward, answer_at: datetime) -> bool:
        """Draft, (approval,) publish at ``answer_at``; False when today comes first."""
        rng, timeline = self.rng, self.timeline
        row = life.row
        rule = self.rules[row["type"]]
        if answer_at >= timeline.cutoff:
            self._pending(life)
            return False
        answer = rng.choice(ANSWERS)
        row.update(
            answer_text=answer,
            answer_public_text=answer,
            answer_drafted_by_id=row["assignee_id"],
        )
        if row["type"] == ConcernType.FEEDBACK:
            verdict = rng.choice(list(AnswerVerdict))
            row["verdict"] = verdict.value
            if verdict != AnswerVerdict.ACCEPTED:
                row["verdict_explanation"] = "Nội dung chưa phù hợp với quy định hiện hành."
        life.act("answer_save")
        row["version"] += 1  # the draft
        drafter = row["assignee_id"]
        approver = None
        if rule.needs_head_approval:
            submitted = life.step(answer_at - timedelta(hours=rng.randint(2, 30)))
            if submitted >= timeline.cutoff:
                self._pending(life)
                return False
            pending = life.act("answer_submit", ConcernState.ASSIGNED)  # waits for the head
            life.log(
                submitted, TransitionAction.ANSWER_SUBMITTED, drafter, pending, is_public=False
            )
            if rng.random() < 0.03:
                returned = life.step(submitted + timedelta(hours=rng.randint(2, 24)))
                row["return_count"] += 1
                life.log(returned, TransitionAction.ANSWER_RETURNED, ward.head_id, "answer_return",
                         note="Đề nghị bổ sung căn cứ pháp lý.", is_public=False)  # fmt: skip
                resubmitted = life.step(returned + timedelta(hours=rng.randint(4, 48)))
                if resubmitted >= timeline.cutoff:
                    row["answer_status"] = AnswerStatus.RETURNED
                    return False
                life.act("answer_save")
                pending = life.act("answer_submit", ConcernState.ASSIGNED)
                life.log(
                    resubmitted, TransitionAction.ANSWER_SUBMITTED, drafter, pending,
                    is_public=False,
                )  # fmt: skip
                row["version"] += 3
            answer_at = life.step(answer_at)
            if answer_at >= timeline.cutoff:
                row["answer_status"] = AnswerStatus.PENDING
                return False
            approver = ward.head_id
            # The approval's own row is written before the answer is published.
            published = life.act("answer_approve")
            life.log(
                answer_at,
                TransitionAction.ANSWER_APPROVED,
                approver,
                published.unchanged,
                note="Đồng ý ban hành.",
                is_public=False,
            )
            row["version"] += 1
        else:
            answer_at = life.step(answer_at)
            if answer_at >= timeline.cutoff:
                self._pending(life)
                return False
            published = life.act("answer_submit", ConcernState.ANSWERED)  # no approval needed
        row.update(
            answer_status=AnswerStatus.PUBLISHED,
            answer_published_at=answer_at,
            answer_approved_by_id=approver,
            # The Chủ tịch approves the UBND's answers (every seeded concern is the UBND's).
            answer_signer_name=ward.head_name if approver else "",
            answer_signer_position=(
                f"Chủ tịch Ủy ban nhân dân {ward.unit.name_in_text}" if approver else ""
            ),
            answer_signer_rank="head" if approver else "",
            citizen_verdict="",
            citizen_verdict_at=None,
        )
        window = timeline.add_working(answer_at.date(), rule.citizen_window_days)
        life.log(
            answer_at, TransitionAction.ANSWERED, approver or drafter, published,
            public_note=_vi("You may accept or dispute this answer until %(date)s.") % {"date": dmy(window)},
        )  # fmt: skip
        return True

    def _commitments(self, life: Life, ward: Ward) -> list[list]:
        """What the answer promised (``commitment_add`` right after publishing)."""
        rng, timeline = self.rng, self.timeline
        row = life.row
        published = row["answer_published_at"]
        out = []
        for _n in range(rng.choice((1, 1, 2))):
            life.act("commitment_add")
            created = published + timedelta(minutes=rng.randint(5, 90))
            due = published.date() + timedelta(days=rng.randint(10, 60))
            luck = rng.random()
            if luck < 0.7:
                done_day = due - timedelta(days=rng.randint(0, 8))
            elif luck < 0.85:
                done_day = due + timedelta(days=rng.randint(1, 30))
            else:
                done_day = due + timedelta(days=rng.randint(40, 200))
            done = timeline.office(max(done_day, created.date() + timedelta(days=1)))
            commitment = [
                self.ids["commitment"], row["id"], "Sửa chữa, khắc phục theo nội dung đã trả lời.",
                "Tổ công tác UBND", due, row["assignee_id"], created,
                done if done < timeline.cutoff else None, None, "",
            ]  # fmt: skip
            self.ids["commitment"] += 1
            row["version"] += 1
            out.append(commitment)
        row.setdefault("_commitments", []).extend(out)
        return out

    def _commitment_done(self, life: Life, commitment: list, moment: datetime) -> None:
        moment = life.step(moment)
        commitment[7] = moment
        commitment[8] = life.row["assignee_id"]
        commitment[9] = "Đã hoàn thành, có hình ảnh kèm theo."
        life.log(
            moment, TransitionAction.COMMITMENT_DONE, commitment[8], "commitment_done",
            note=commitment[9], public_note=_vi("Done: %(what)s") % {"what": commitment[2]},
        )  # fmt: skip
        life.row["version"] += 1
