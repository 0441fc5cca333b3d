"""Concerns and their histories: arrivals over the years, then each one's life, replayed.

Each concern's life is simulated event by event (receive → accept → assign → answer →
the citizen's verdict → follow-up and close, with exits, pauses, extensions and disputes
on the way) and cut at today's midnight; the rows are what the services would have left
behind, with the same fields set at each step, the same history actions and the same
deadlines. Every step is an action of ``petitions.transitions`` taken through
``replay.move``. The steps after assignment live in ``answers.py``.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from datetime import datetime, timedelta
from itertools import accumulate

from django.utils import translation

from dialogue_portal.lib.text import fold
from petitions.models import (
    AnswerStatus,
    Category,
    Concern,
    ConcernChannel,
    ConcernRule,
    ConcernState,
    ConcernTransition,
    ConcernType,
    DeclineReason,
    Extension,
    FollowUpCommitment,
    Organisation,
    Pause,
    TransitionAction,
)
from petitions.tracking import ALPHABET, GROUP, RANDOM_LENGTH, check_symbol

from .accounts import Ward
from .answers import AnswerSteps, Life
from .config import SESSION_SHARE, PerfConfig
from .sessions import HeldSession
from .timeline import Timeline, dmy
from .words import (
    ANSWERS,
    OUTSIDE_BODIES,
    STREETS,
    TOPICS,
    random_address,
    random_name,
    random_phone,
)
from .writer import TableWriter, first_free_id

# The services' own messages: looked up (not extracted) so the history reads as theirs.
_vi = translation.gettext


CONCERN_COLUMNS = [
    "id", "tracking_code", "tracking_code_compact", "unit_id", "addressed_to", "channel", "type",
    "category_id", "content", "address", "submitter_name", "submitter_phone",
    "submitter_email", "submitter_address", "consent_given_at", "session_id", "organisation",
    "submitted_by_id", "state", "received_at", "ack_due_at", "accepted_at", "is_complex",
    "due_at", "due_explanation", "assignee_id", "assigned_at", "paused_since",
    "answer_status", "answer_text", "answer_public_text", "verdict", "verdict_explanation",
    "answer_drafted_by_id", "answer_approved_by_id", "answer_signer_name",
    "answer_signer_position", "answer_signer_rank", "answer_published_at",
    "answered_at_session", "return_count", "citizen_verdict", "citizen_verdict_at",
    "dispute_count", "merged_into_id", "referred_from_id", "referred_to", "decline_reason",
    "closed_at", "anonymised_at", "search_text", "version", "updated_at",
    # Issue #13: first complaints, nobody denounced, no finding (the benchmark's concerns
    # are the UBND's ordinary ones).
    "instance", "accused_role", "accused_name", "finding",
]  # fmt: skip
CONCERN_DEFAULTS = dict.fromkeys(CONCERN_COLUMNS)
CONCERN_DEFAULTS.update(
    dict.fromkeys(
        (
            "address",
            "submitter_name",
            "submitter_phone",
            "submitter_email",
            "submitter_address",
            "organisation",
            "due_explanation",
            "answer_status",
            "answer_text",
            "answer_public_text",
            "verdict",
            "verdict_explanation",
            "citizen_verdict",
            "referred_to",
            "decline_reason",
            "answer_signer_name",
            "answer_signer_position",
            "answer_signer_rank",
        ),
        "",
    )  # fmt: skip
)
CONCERN_DEFAULTS.update(
    # Every seeded concern is the UBND's: its officers and Chủ tịch handle and sign them.
    addressed_to="state",
    is_complex=False,
    answered_at_session=False,
    return_count=0,
    dispute_count=0,
    version=1,
    instance=1,
    accused_role="",
    accused_name="",
    finding="",
)
TRANSITION_COLUMNS = [
    "id", "concern_id", "actor_id", "actor_name", "created_at", "action", "from_state",
    "to_state", "note", "data", "is_public", "public_note",
]  # fmt: skip
COMMITMENT_COLUMNS = [
    "id", "concern_id", "what", "who", "due", "created_by_id", "created_at", "done_at",
    "done_by_id", "done_note",
]  # fmt: skip
EXTENSION_COLUMNS = [
    "id", "concern_id", "reason", "requested_by_id", "requested_at", "old_due", "new_due",
    "status", "approved_by_id", "decided_at", "decision_note",
]  # fmt: skip
PAUSE_COLUMNS = [
    "id",
    "concern_id",
    "started_at",
    "ended_at",
    "reason",
    "started_by_id",
    "ended_by_id",
]

_CHANNELS = [
    (ConcernChannel.WEB, 42),
    (ConcernChannel.WALK_IN, 16),
    (ConcernChannel.PHONE, 12),
    (ConcernChannel.LETTER, 8),
    (ConcernChannel.ORGANISATION, 9),
    (ConcernChannel.REFERRAL, 5),
]
_TYPES = [
    (ConcernType.REPORT, 45),
    (ConcernType.RECOMMENDATION, 30),
    (ConcernType.FEEDBACK, 8),
    (ConcernType.COMPLAINT, 11),
    (ConcernType.DENUNCIATION, 6),
]
_CHANNEL_VALUES = [c for c, _w in _CHANNELS]
_CHANNEL_CUM = list(accumulate(w for _c, w in _CHANNELS))
_TYPE_VALUES = [t for t, _w in _TYPES]
_TYPE_CUM = list(accumulate(w for _t, w in _TYPES))
_WEEKDAY_WEIGHT = (1.0, 1.0, 0.95, 0.95, 0.9, 0.4, 0.25)


def _code(rng: random.Random) -> str:
    """A tracking code of ``petitions.tracking``'s format and check, from the seed's bits."""
    number = rng.getrandbits(5 * RANDOM_LENGTH)
    values = [(number >> (5 * i)) & 31 for i in range(RANDOM_LENGTH)]
    symbols = "".join(ALPHABET[v] for v in [*values, check_symbol(values)])
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


class ConcernSeeder(AnswerSteps):
    """Replays every concern's life (see the module docstring) and writes the rows."""

    def __init__(
        self, config: PerfConfig, timeline: Timeline, rng: random.Random, wards: list[Ward]
    ):
        self.config = config
        self.timeline = timeline
        self.rng = rng
        self.wards = wards
        # History rows keep the actor's name (family name first), as the services write it.
        self.names = {w.officer_id: w.officer_name for w in wards}
        self.names.update({w.head_id: w.head_name for w in wards})
        self.cum_weights = list(accumulate(w.weight for w in wards))
        b = config.batch_size
        self.concerns = TableWriter(Concern, CONCERN_COLUMNS, b)
        self.transitions = TableWriter(ConcernTransition, TRANSITION_COLUMNS, b)
        self.commitments = TableWriter(FollowUpCommitment, COMMITMENT_COLUMNS, b)
        self.extensions = TableWriter(Extension, EXTENSION_COLUMNS, b)
        self.pauses = TableWriter(Pause, PAUSE_COLUMNS, b)
        self.ids = {
            "concern": first_free_id(Concern),
            "transition": first_free_id(ConcernTransition),
            "commitment": first_free_id(FollowUpCommitment),
            "extension": first_free_id(Extension),
            "pause": first_free_id(Pause),
        }
        self.rules = {r.type: r for r in ConcernRule.objects.all()}
        self.categories = list(
            Category.objects.filter(is_active=True)
            .order_by("ordering", "name")
            .values_list("pk", "name")
        )
        # Per ward: the latest concern that a duplicate could be merged into.
        self.merge_target: dict[int, int] = {}

    # --- driving --------------------------------------------------------------------

    def run(self, held: list[HeldSession]) -> None:
        config, rng, timeline = self.config, self.rng, self.timeline
        total = config.concerns_per_year * config.years
        at_sessions = self._session_opinions(held, round(total * SESSION_SHARE))
        # A referral from another ward adds that ward's (referred) concern too.
        referral_share = dict(_CHANNELS)[ConcernChannel.REFERRAL] / _CHANNEL_CUM[-1]
        stream = round((total - len(at_sessions)) / (1 + referral_share))
        first = timeline.today - timedelta(days=365 * config.years)
        days = [first + timedelta(days=n) for n in range((timeline.today - first).days)]
        # Busier on weekdays, and a little busier each year (more people use the portal).
        weights = [
            _WEEKDAY_WEIGHT[d.weekday()] * (1 + 0.15 * n / max(len(days), 1))
            for n, d in enumerate(days)
        ]
        cum_days = list(accumulate(weights))
        arrivals = []
        for _i in range(stream):
            day = days[bisect_right(cum_days, rng.random() * cum_days[-1])]
            minute = rng.randint(360, 1320) if rng.random() < 0.8 else rng.randint(0, 1439)
            arrivals.append((timeline.at(day, minute), None))
        arrivals.extend(at_sessions)
        arrivals.sort(key=lambda a: (a[0], a[1].id if a[1] else 0))
        for received, session in arrivals:
            if session is not None:
                self._opinion(received, session)
            else:
                self._concern(received)
        for writer in (
            self.concerns,
            self.transitions,
            self.commitments,
            self.extensions,
            self.pauses,
        ):
            writer.flush()

    def _session_opinions(self, held: list[HeldSession], wanted: int) -> list[tuple]:
        """Opinions raised at held sessions: a Poisson number each, recorded with the session."""
        if not held or wanted <= 0:
            return []
        mean = wanted / len(held)
        limit = math.exp(-mean)
        out = []
        for session in held:
            count, product = 0, self.rng.random()
            while product > limit:
                count += 1
                product *= self.rng.random()
            for n in range(count):
                moment = session.recorded_at + timedelta(minutes=n + 1)
                if moment < self.timeline.cutoff:
                    out.append((moment, session))
        return out

    # --- building blocks ------------------------------------------------------------

    def _ward(self, exclude: Ward | None = None) -> Ward:
        while True:
            ward = self.wards[
                bisect_right(self.cum_weights, self.rng.random() * self.cum_weights[-1])
            ]
            if ward is not exclude:
                return ward

    def _new_row(self, ward: Ward, received: datetime, channel: str, type_: str) -> dict:
        rng = self.rng
        row = dict(CONCERN_DEFAULTS)
        category_id, category = self.categories[rng.randrange(len(self.categories))]
        street = rng.choice(STREETS)
        content = f"{rng.choice(TOPICS.get(category, TOPICS['Khác']))} tại đường {street}, khu phố {rng.randint(1, 40)}."
        row.update(
            id=self.ids["concern"],
            tracking_code=_code(rng),
            unit_id=ward.unit.pk,
            channel=channel,
            type=type_,
            category_id=category_id,
            content=content,
            address=f"{rng.randint(1, 399)} {street}" if rng.random() < 0.7 else "",
            received_at=received,
            ack_due_at=self.timeline.add_working(
                received.date(), self.rules[type_].acknowledge_days
            ),
        )
        self.ids["concern"] += 1
        return row

    def _identity(self, row: dict, rng: random.Random, *, required: bool, web: bool) -> None:
        if required or rng.random() < (0.75 if web else 0.6):
            row["submitter_name"] = random_name(rng)
            row["submitter_phone"] = random_phone(rng)
            if rng.random() < 0.35:
                row["submitter_email"] = f"nguoidan{rng.randint(1, 10**6)}@example.com"
            if rng.random() < 0.4:
                row["submitter_address"] = random_address(rng)
        elif web and rng.random() < 0.5:
            row["submitter_email"] = f"nguoidan{rng.randint(1, 10**6)}@example.com"
        if web or any(row[f] for f in ("submitter_name", "submitter_phone", "submitter_email")):
            row["consent_given_at"] = row["received_at"]

    def _submitted_note(self, life: Life, actor) -> None:
        row = life.row
        explanation = self.timeline.due(
            row["received_at"].date(), self.rules[row["type"]].acknowledge_days, True
        )[1]
        life.log(
            row["received_at"], TransitionAction.SUBMITTED, actor, life.begin(),
            note=explanation, is_public=True,
        )  # fmt: skip

    # --- one concern ----------------------------------------------------------------

    def _concern(self, received: datetime) -> None:
        rng = self.rng
        ward = self._ward()
        channel = rng.choices(_CHANNEL_VALUES, cum_weights=_CHANNEL_CUM)[0]
        type_ = rng.choices(_TYPE_VALUES, cum_weights=_TYPE_CUM)[0]
        if channel == ConcernChannel.ORGANISATION and rng.random() < 0.7:
            type_ = ConcernType.FEEDBACK
        row = self._new_row(ward, received, channel, type_)
        parent = None
        if channel == ConcernChannel.REFERRAL:
            parent = self._referring_parent(ward, received, type_, row["tracking_code"])
        life = Life(row, received)
        if parent is not None:
            for key in ("category_id", "content", "address", "submitter_name", "submitter_phone",
                        "submitter_email", "submitter_address", "consent_given_at"):  # fmt: skip
                row[key] = parent[key]
            row["referred_from_id"] = parent["id"]
            row["submitted_by_id"] = parent["_referrer"]
            note = _vi("Referred by %(unit)s (%(code)s).") % {
                "unit": parent["_unit_name"],
                "code": parent["tracking_code"],
            }
            life.log(
                received, TransitionAction.SUBMITTED, parent["_referrer"], life.begin(),
                note=note, is_public=True,
            )  # fmt: skip
        else:
            web = channel == ConcernChannel.WEB
            self._identity(row, rng, required=ConcernType.requires_identity(type_), web=web)
            if channel == ConcernChannel.ORGANISATION:
                row["organisation"] = rng.choice(list(Organisation)).value
            actor = None if web else ward.officer_id
            row["submitted_by_id"] = actor
            self._submitted_note(life, actor)
        self._handle(life, ward)
        self._write(life)

    def _referring_parent(self, ward: Ward, received: datetime, type_: str, code: str) -> dict:
        """The concern another ward received first and referred here (written now)."""
        rng, timeline = self.rng, self.timeline
        other = self._ward(exclude=ward)
        earlier = timeline.office(timeline.add_working(received.date(), -rng.randint(1, 6)))
        if earlier >= received:
            earlier = received - timedelta(hours=2)
        channel = rng.choice((ConcernChannel.WEB, ConcernChannel.WALK_IN, ConcernChannel.PHONE))
        row = self._new_row(other, earlier, channel, type_)
        web = channel == ConcernChannel.WEB
        self._identity(row, rng, required=ConcernType.requires_identity(type_), web=web)
        row["submitted_by_id"] = None if web else other.officer_id
        life = Life(row, earlier)
        self._submitted_note(life, row["submitted_by_id"])
        public_note = _vi(
            "Referred to %(unit)s, which handles it under the new tracking code %(code)s "
            "(use it with the same phone digits or e-mail)."
        ) % {"unit": ward.unit.name, "code": code}
        row["referred_to"] = ward.unit.name
        life.step(received)
        self._end(
            life,
            received,
            "refer",
            TransitionAction.REFERRED,
            other.officer_id,
            public_note=public_note,
        )
        self._write(life)
        return {**row, "_referrer": other.officer_id, "_unit_name": other.unit.name}

    def _opinion(self, received: datetime, session: HeldSession) -> None:
        """An opinion recorded with its session (``concern_record_opinion``)."""
        rng = self.rng
        ward = session.ward
        type_ = ConcernType.RECOMMENDATION
        row = self._new_row(ward, received, ConcernChannel.SESSION, type_)
        row.update(session_id=session.id, submitted_by_id=ward.officer_id)
        if rng.random() < 0.7:
            row["submitter_name"] = random_name(rng)
        life = Life(row, received)
        actor = ward.officer_id
        note = _vi("Raised at the session “%(topic)s”.") % {"topic": session.topic}
        life.log(
            received,
            TransitionAction.SUBMITTED,
            actor,
            life.begin(),
            note=note,
            is_public=True,
        )
        roll = rng.random()
        # A closed session has only ended concerns (its close guard): answered or referred.
        if session.closed:
            roll = roll * 0.45
        if roll < 0.1:
            body = rng.choice(OUTSIDE_BODIES)
            row["referred_to"] = body
            public = _vi("Referred to %(body)s, which is competent for it.") % {"body": body}
            self._end(
                life,
                received,
                "refer",
                TransitionAction.REFERRED,
                actor,
                public_note=public,
            )
            return self._write(life)
        due, explanation = self._answer_due(type_, received.date(), False)
        row.update(accepted_at=received, due_at=due, due_explanation=explanation)
        life.log(received, TransitionAction.ACCEPTED, actor, "accept", is_public=False)
        if roll < 0.45:
            answer = rng.choice(ANSWERS)
            row.update(
                assignee_id=actor,
                assigned_at=received,
                answer_text=answer,
                answer_public_text=answer,
                answer_status=AnswerStatus.PUBLISHED,
                answer_published_at=received,
                answer_drafted_by_id=actor,
                answered_at_session=True,
            )
            # The table answers from "assigned" only: the one who answers is assigned first.
            life.log(received, TransitionAction.ASSIGNED, actor, "assign", is_public=False)
            life.log(
                received,
                TransitionAction.ANSWERED,
                actor,
                life.act("answer_submit", ConcernState.ANSWERED),
                public_note=_vi("Answered on the spot at the session."),
            )
            self._end(
                life,
                received,
                "close",
                TransitionAction.CLOSED,
                actor,
                ConcernState.CLOSED,
                is_public=True,
            )
            return self._write(life)
        self._assign(life, ward, received, actor)
        self._answer_and_after(life, ward)
        self._write(life)

    # --- the life after receipt (after assignment: answers.py) -------------------------

    def _handle(self, life: Life, ward: Ward) -> None:  # noqa: C901
        rng, timeline = self.rng, self.timeline
        row = life.row
        rule = self.rules[row["type"]]
        received = row["received_at"]
        roll = rng.random()
        if roll < 0.012:
            return  # never acknowledged: overdue once its acknowledgement date passes
        delay = (
            rng.randint(1, max(1, rule.acknowledge_days - 2))
            if rng.random() < 0.9
            else rng.randint(rule.acknowledge_days + 1, rule.acknowledge_days + 10)
        )
        acked = life.step(timeline.office(timeline.add_working(received.date(), delay)))
        if acked >= timeline.cutoff:
            return
        officer = ward.officer_id
        if roll < 0.035:
            return self._exit(
                life, acked, officer, rng.choice(("withdrawn", "declined", "referred"))
            )
        if roll < 0.065:
            target = self.merge_target.get(ward.unit.pk)
            if target is not None:
                return self._exit(life, acked, officer, "merged", target=target)
        is_complex = row["type"] == ConcernType.COMPLAINT and rng.random() < 0.15
        due, explanation = self._answer_due(row["type"], acked.date(), is_complex)
        row.update(
            accepted_at=acked, is_complex=is_complex, due_at=due, due_explanation=explanation
        )
        life.log(
            acked,
            TransitionAction.ACCEPTED,
            officer,
            "accept",
            public_note=_vi("Answer due by %(due)s (%(how)s).")
            % {"due": dmy(due), "how": explanation},
        )
        if rng.random() < 0.97:
            self.merge_target[ward.unit.pk] = row["id"]
        assigned = life.step(timeline.office(timeline.add_working(acked.date(), rng.randint(0, 3))))
        if assigned >= timeline.cutoff:
            return
        if rng.random() < 0.02:
            return self._exit(
                life, assigned, officer, rng.choice(("withdrawn", "declined", "referred"))
            )
        self._assign(life, ward, assigned, ward.head_id)
        self._answer_and_after(life, ward)

    def _assign(self, life: Life, ward: Ward, when: datetime, actor: int) -> None:
        row = life.row
        assignee = ward.officer_id if self.rng.random() < 0.8 else ward.head_id
        row.update(assignee_id=assignee, assigned_at=when)
        life.log(
            when,
            TransitionAction.ASSIGNED,
            actor,
            "assign",
            public_note=_vi("Assigned for handling; answer due by %(due)s.")
            % {"due": dmy(row["due_at"])},
        )

    def _exit(
        self, life: Life, when: datetime, actor: int, how: str, target: int | None = None
    ) -> None:
        row, rng = life.row, self.rng
        if how == "withdrawn":
            note = "Người dân gọi điện đề nghị rút đơn."
            return self._end(
                life, when, "withdraw", TransitionAction.WITHDRAWN, actor, note=note,
                public_note=_vi("Withdrawn at the submitter's request."),
            )  # fmt: skip
        if how == "declined":
            reasons = [r for r in DeclineReason if r != DeclineReason.NO_IDENTITY]
            reason = rng.choice(reasons)
            row["decline_reason"] = reason.value
            public = f"{reason.label}. Đơn vị đã thông báo cho người gửi."
            return self._end(
                life,
                when,
                "decline",
                TransitionAction.DECLINED,
                actor,
                public_note=public,
            )
        if how == "merged":
            row["merged_into_id"] = target
            public = _vi(
                "Another concern raises the same matter; both are handled together and the answer "
                "covers yours."
            )
            return self._end(
                life, when, "merge", TransitionAction.MERGED, actor, public_note=public
            )
        body = rng.choice(OUTSIDE_BODIES)
        row["referred_to"] = body
        public = _vi("Referred to %(body)s, which is competent for it.") % {"body": body}
        public = f"{public} Người dân liên hệ trực tiếp cơ quan này."
        self._end(life, when, "refer", TransitionAction.REFERRED, actor, public_note=public)

    # --- writing --------------------------------------------------------------------

    def _write(self, life: Life) -> None:
        row = life.row
        row["state"] = life.state
        row["updated_at"] = life.last
        row["version"] += len(life.events) - 1
        code = row["tracking_code"]
        row["tracking_code_compact"] = code.replace("-", "")
        name = "" if row["type"] == ConcernType.DENUNCIATION else row["submitter_name"]
        row["search_text"] = fold(" ".join((code, name, row["address"], row["content"])))
        self.concerns.add(tuple(row[c] for c in CONCERN_COLUMNS))
        pause = row.get("_pause")
        if pause is not None:
            self.pauses.add(tuple(pause))
        next_id = self.ids["transition"]
        cid = row["id"]
        for actor, when, action, from_state, to_state, note, public, public_note in life.events:
            name = self.names.get(actor, "")
            values = (when, action, from_state, to_state, note, {}, public, public_note)
            self.transitions.add((next_id, cid, actor, name, *values))
            next_id += 1
        self.ids["transition"] = next_id
        for commitment in row.get("_commitments", ()):
            self.commitments.add(tuple(commitment))
