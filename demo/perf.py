"""A city-scale dataset for performance work: ``manage.py seed_perf`` (issue #7).

The 168 real commune-level units of Ho Chi Minh City, an officer and a head in each, a
city reviewer, then ``years`` years (ending today) of dialogue sessions and concerns with
their whole history, written in bulk: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

Why not the services (as ``seed_demo`` does)? They lock, audit and e-mail one row at a
time: hours for half a million concerns. Instead this module *replays the services on
paper*: each concern's life is simulated event by event (receive → accept → assign →
answer → the citizen's verdict → follow-up and close, with exits, pauses, extensions and
disputes on the way) and cut at today's midnight; the rows are what the services would
have left behind, with the same fields set at each step, the same history actions and
the same deadlines (``workcalendar.calendar.compute_due`` with each type's
``ConcernRule``, cached per start date). Every check constraint holds (the database
enforces them).

Deterministic: one ``random.Random(seed)`` drives everything and every time derives from
``today``, so the same seed and the same ``today`` give the same rows, ids included (ids
are assigned here, after the current maximum, so children reference parents without a
read back). Nothing is sent, nothing is audited: the audit log records what people did,
and nobody did this.
"""

from __future__ import annotations

import base64
import io
import json
import math
import random
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from itertools import accumulate

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone, translation

from dialogue_portal.lib.text import fold
from petitions.models import (
    AnswerStatus,
    AnswerVerdict,
    Category,
    CitizenVerdict,
    Concern,
    ConcernChannel,
    ConcernRule,
    ConcernState,
    ConcernTransition,
    ConcernType,
    DeclineReason,
    Extension,
    ExtensionStatus,
    FollowUpCommitment,
    Organisation,
    Pause,
    TransitionAction,
)
from petitions.tracking import ALPHABET, GROUP, RANDOM_LENGTH, check_symbol
from sessions.models import (
    ChairRole,
    CoOrganiser,
    DialogueSession,
    SessionFormat,
    SessionHosts,
    SessionKind,
    SessionState,
    SessionTransition,
    TimingRule,
    TimingRuleKind,
)
from units.models import Membership, Role, Unit
from units.services import units_import_province
from workcalendar.calendar import add_working_days, compute_due, count_working_days

PASSWORD = "perf-portal-2026"  # noqa: S105 - a scratch database's accounts, printed on purpose
REVIEWER_USERNAME = "perf.thanhuy"  # also the marker: present means "already seeded"
OFFICER_PREFIX = "perf.canbo."
HEAD_PREFIX = "perf.truong."
CITY_CODE = 79

BATCH_SIZE = 50_000
# Sessions are planned up to this many days after today (the public calendar's "upcoming").
FUTURE_DAYS = 45
# Share of all concerns raised at dialogue sessions (recorded with the session).
SESSION_SHARE = 0.08

# The services' own messages: looked up (not extracted) so the history reads as theirs.
_vi = translation.gettext


class AlreadySeeded(Exception):
    """The database already holds a perf seed (the reviewer account exists)."""


@dataclass(frozen=True)
class PerfConfig:
    today: date
    years: int = 1
    sessions_per_year: int = 20_000
    concerns_per_year: int = 500_000
    seed: int = 2026
    batch_size: int = BATCH_SIZE


@dataclass
class PerfReport:
    phases: list[tuple[str, float]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------
# Bulk writing


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if kind is bool:
        return "t" if value else "f"
    if kind is int:
        return str(value)
    if kind is datetime or kind is date:
        return value.isoformat()
    if isinstance(value, str):  # a TextChoices member: its plain value
        return value.translate(_COPY_ESCAPES)
    return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)


class TableWriter:
    """Buffers rows (tuples in ``columns`` order) and writes them in batches.

    PostgreSQL: ``COPY … FROM STDIN`` from an in-memory buffer. Elsewhere (SQLite):
    ``executemany`` of one INSERT, values adapted as Django adapts them. Not
    ``bulk_create``: it would stamp ``auto_now``/``auto_now_add`` fields with the time of
    the run (the data would neither be history-like nor deterministic) and builds a model
    instance per row.
    """

    def __init__(self, model, columns: list[str], batch_size: int):
        self.model = model
        self.columns = columns
        self.batch_size = batch_size
        self.rows: list[tuple] = []
        self.written = 0
        self.db_columns = [model._meta.get_field(name).column for name in columns]
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.db_columns)
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.sql = f"COPY {self.table} ({quoted}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * len(columns))
            # Names from the model's metadata, values as parameters: nothing user-supplied.
            self.sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})"  # noqa: S608  # nosec B608

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.postgres:
            buffer = io.StringIO()
            buffer.writelines("\t".join(map(_copy_text, row)) + "\n" for row in self.rows)
            buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(self.sql, buffer)
        else:
            adapt = _sqlite_value
            params = [tuple(map(adapt, row)) for row in self.rows]
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        self.written += len(self.rows)
        self.rows = []


def _sqlite_value(value):
    kind = type(value)
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value(value)
    if kind is date:
        return value.isoformat()
    if kind is list or kind is dict:
        return json.dumps(value)
    return value


def _next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


# ---------------------------------------------------------------------------------------
# Dates and the working-day calendar, cached


class Clock:
    """Times in Ho Chi Minh City (a fixed +07:00: the city keeps no daylight saving)."""

    def __init__(self, today: date, rng: random.Random):
        offset = timezone.get_default_timezone().utcoffset(datetime(today.year, 1, 1))
        self.tz = dt_timezone(offset)
        self.today = today
        self.cutoff = datetime(today.year, today.month, today.day, tzinfo=self.tz)
        self.rng = rng
        self._due: dict[tuple, tuple[date, str]] = {}
        self._add: dict[tuple[date, int], date] = {}

    def at(self, day: date, minute: int) -> datetime:
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.tz)

    def office(self, day: date) -> datetime:
        """A moment in office hours (07:30–17:00) of ``day``."""
        return self.at(day, self.rng.randint(450, 1019))

    def due(self, start: date, days: int, working: bool) -> tuple[date, str]:
        """``compute_due`` (due date and its Vietnamese explanation), once per argument set."""
        key = (start, days, working)
        found = self._due.get(key)
        if found is None:
            due = compute_due(start, days, working=working)
            found = self._due[key] = (due.due, due.explanation())
        return found

    def add_working(self, start: date, days: int) -> date:
        key = (start, days)
        found = self._add.get(key)
        if found is None:
            found = self._add[key] = add_working_days(start, days)
        return found

    def add_calendar(self, start: date, days: int) -> date:
        return self.due(start, days, False)[0]


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------------------------------
# Invented words (names, streets, texts)

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
_FAMILY += ["Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Thị Kim", "Đức", "Hoàng"]
_GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khoa", "Lan"]
_GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo"]
_GIVEN += ["Trang", "Trí", "Tuấn", "Vy", "Yến"]
_STREETS = ["Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Cách Mạng Tháng Tám"]
_STREETS += ["Nguyễn Trãi", "Trần Hưng Đạo", "Phan Đăng Lưu", "Võ Văn Kiệt", "Điện Biên Phủ"]
_STREETS += ["Nguyễn Văn Linh", "Lũy Bán Bích", "Quang Trung", "Tô Ký", "Huỳnh Tấn Phát"]
_TOPICS = {
    "Đất đai": [
        "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình đã ở ổn định",
        "Phản ánh việc lấn chiếm đất công làm lối đi chung",
        "Kiến nghị công khai quy hoạch khu dân cư",
    ],
    "Môi trường": [
        "Phản ánh rác thải tồn đọng nhiều ngày chưa được thu gom",
        "Cơ sở sản xuất gây tiếng ồn và khói bụi vào ban đêm",
        "Kênh rạch bị ô nhiễm, bốc mùi hôi",
    ],
    "Trật tự đô thị": [
        "Buôn bán lấn chiếm vỉa hè gây cản trở người đi bộ",
        "Xây dựng không phép trong hẻm",
        "Đậu xe trái phép trước cổng trường học",
    ],
    "An sinh xã hội": [
        "Đề nghị xem xét hỗ trợ hộ cận nghèo",
        "Chậm chi trả trợ cấp cho người cao tuổi",
        "Kiến nghị hỗ trợ học phí cho con em gia đình khó khăn",
    ],
    "Thủ tục hành chính": [
        "Hồ sơ chứng thực bị trả lại nhiều lần không rõ lý do",
        "Đề nghị rút ngắn thời gian giải quyết hồ sơ đăng ký hộ kinh doanh",
        "Cổng dịch vụ công thường xuyên bị lỗi khi nộp hồ sơ",
    ],
    "Thái độ, tác phong cán bộ": [
        "Cán bộ tiếp nhận hồ sơ có thái độ thiếu niềm nở",
        "Phản ánh cán bộ hẹn trả kết quả nhưng không đúng hẹn",
    ],
    "Hạ tầng, giao thông": [
        "Đường trong hẻm xuống cấp, ngập nước khi mưa",
        "Đèn chiếu sáng công cộng bị hư hỏng nhiều tháng",
        "Đề nghị lắp đặt đèn tín hiệu giao thông tại giao lộ",
    ],
    "Khác": [
        "Góp ý về việc tổ chức sinh hoạt khu phố",
        "Đề nghị bố trí thêm điểm sinh hoạt cộng đồng",
    ],
}
_ANSWERS = [
    "UBND đã chỉ đạo bộ phận chuyên môn kiểm tra thực tế và xử lý theo quy định.",
    "Qua kiểm tra, nội dung phản ánh là đúng; đơn vị đã khắc phục và sẽ tiếp tục theo dõi.",
    "Nội dung kiến nghị đã được tiếp thu và đưa vào kế hoạch năm tới.",
    "Qua xác minh, nội dung phản ánh chưa có cơ sở; đơn vị đã giải thích cho người dân.",
]
_OUTSIDE_BODIES = [
    "Công an phường",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Tòa án nhân dân khu vực 1",
    "Bảo hiểm xã hội cơ sở",
]
_SESSION_TOPICS = {
    SessionKind.CONFERENCE: "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
    SessionKind.RECEPTION: "Tiếp công dân định kỳ",
    SessionKind.THEMATIC: "Đối thoại chuyên đề",
    SessionKind.AD_HOC: "Đối thoại đột xuất",
}
_THEMES = ["chỉnh trang đô thị", "an ninh trật tự", "thủ tục hành chính", "môi trường", "an sinh"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _phone(rng: random.Random) -> str:
    return f"09{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(0, 9999):04d}"


def _street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 399)} {rng.choice(_STREETS)}"


# ---------------------------------------------------------------------------------------
# Units and accounts


@dataclass
class Ward:
    """One commune-level unit with its two perf accounts and its handful of derived facts."""

    unit: Unit
    officer_id: int
    head_id: int
    officer_name: str
    head_name: str
    secretary_name: str
    chair_name: str
    weight: float
    discipline: float  # how reliably it holds its required sessions (0.6–1.0)


def seed_accounts(rng: random.Random) -> tuple[list[Ward], int]:
    """Officer and head per commune-level unit, the city reviewer; one password hash for all."""
    city = Unit.objects.get(code=str(CITY_CODE))
    units = list(
        Unit.objects.filter(
            parent=city, is_active=True, kind__in=Unit.COMMUNE_LEVEL_KINDS
        ).order_by("code")
    )
    user_model = get_user_model()
    password = make_password(PASSWORD)
    next_id = _next_id(user_model)
    users, memberships, wards = [], [], []

    def person(username: str, email_domain: str = "perf.invalid") -> tuple[int, str, str]:
        nonlocal next_id
        family, middle, given = rng.choice(_FAMILY), rng.choice(_MIDDLE), rng.choice(_GIVEN)
        users.append(
            user_model(
                id=next_id,
                username=username,
                password=password,
                first_name=given,
                last_name=f"{family} {middle}",
                email=f"{username}@{email_domain}",
            )
        )
        next_id += 1
        return next_id - 1, f"{family} {middle} {given}", given

    for unit in units:
        officer_id, officer_name, _g = person(f"{OFFICER_PREFIX}{unit.code}")
        head_id, head_name, _g = person(f"{HEAD_PREFIX}{unit.code}")
        memberships.append(
            Membership(
                user_id=officer_id,
                unit=unit,
                role=Role.WARD_OFFICER,
                position="Chuyên viên Văn phòng HĐND-UBND",
            )
        )
        memberships.append(
            Membership(user_id=head_id, unit=unit, role=Role.UNIT_HEAD, position="Chủ tịch UBND")
        )
        wards.append(
            Ward(
                unit=unit,
                officer_id=officer_id,
                head_id=head_id,
                officer_name=officer_name,
                head_name=head_name,
                secretary_name=_name(rng),
                chair_name=head_name,
                # Population and business differ a lot between wards: a lognormal spread.
                weight=rng.lognormvariate(0.0, 0.75),
                discipline=1.0 - 0.4 * rng.random() ** 2,
            )
        )
    reviewer_id, _n, _g = person(REVIEWER_USERNAME)
    memberships.append(
        Membership(
            user_id=reviewer_id,
            unit=city,
            role=Role.REVIEWER,
            position="Chuyên viên Ban Tuyên giáo và Dân vận Thành ủy",
        )
    )
    user_model.objects.bulk_create(users, batch_size=1000)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return wards, len(users)


# ---------------------------------------------------------------------------------------
# Sessions


SESSION_COLUMNS = [
    "id", "unit_id", "public_id", "kind", "format", "online_link", "topic", "description",
    "place", "planned_start", "planned_end", "target_audience", "expected_attendance",
    "how_to_take_part", "hosts", "party_secretary_name", "chair_name", "delegate_name",
    "delegate_position", "co_organisers", "other_co_organisers", "state", "version",
    "sequence", "submitted_at", "approved_at", "approved_by_id", "announced_at",
    "notice_working_days", "is_late_notice", "late_notice_reason", "postponed_reason",
    "cancelled_reason", "cancelled_at", "actual_start", "actual_end", "chaired_by_role",
    "chaired_by_name", "attendance_count", "bodies_present", "minutes_text", "recording_link",
    "held_recorded_at", "conclusions_due", "conclusions_number", "conclusions_date",
    "conclusions_signer_name", "conclusions_signer_position", "conclusions_text",
    "conclusions_issued_at", "closed_at", "search_text", "created_at", "created_by_id",
    "updated_at",
]  # fmt: skip
SESSION_TRANSITION_COLUMNS = [
    "id", "session_id", "created_at", "actor_id", "actor_name", "from_state", "to_state",
    "note", "data",
]  # fmt: skip


@dataclass
class HeldSession:
    """What the concerns need of a held session: opinions are recorded with it."""

    id: int
    ward: Ward
    topic: str
    recorded_at: datetime
    closed: bool


def _session_slots(config: PerfConfig, clock: Clock, wards: list[Ward], rng: random.Random):
    """(ward, day, kind, hosts) of every session: the rules' cadence, then extra sessions.

    Each ward holds its weekly chair's reception, the secretary's two a month and its
    conference(s) as reliably as its ``discipline``; the rest of the yearly budget are
    thematic and ad hoc sessions, more in busier wards. A budget below the rules' needs
    scales everything down (the dashboards then show shortfalls).
    """
    first = clock.today - timedelta(days=365 * config.years)
    last = clock.today + timedelta(days=FUTURE_DAYS)
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

    def __init__(self, config: PerfConfig, clock: Clock, rng: random.Random):
        self.config = config
        self.clock = clock
        self.rng = rng
        self.sessions = TableWriter(DialogueSession, SESSION_COLUMNS, config.batch_size)
        self.transitions = TableWriter(
            SessionTransition, SESSION_TRANSITION_COLUMNS, config.batch_size
        )
        self.next_id = _next_id(DialogueSession)
        self.next_transition = _next_id(SessionTransition)
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
        for slot in _session_slots(self.config, self.clock, wards, self.rng):
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
                from_state,
                to_state,
                note,
                data or {},
            )
        )
        self.next_transition += 1

    def _announce_at(self, planned: date, latest: datetime) -> tuple[datetime, int]:
        """When it was announced (never after ``latest``) and the notice that gave."""
        rng, clock = self.rng, self.clock
        ahead = rng.randint(6, 15) if rng.random() < 0.9 else rng.randint(1, self.notice_days - 1)
        day = clock.add_working(planned, -ahead) if ahead else planned
        moment = clock.office(day)
        if moment > latest:
            moment = latest - timedelta(hours=rng.randint(1, 20))
        return moment, count_working_days(moment.date(), planned)

    def _session(self, ward: Ward, day: date, kind: str, hosts: str) -> None:  # noqa: C901, PLR0912, PLR0915
        rng, clock = self.rng, self.clock
        sid = self.next_id
        self.next_id += 1
        start = clock.at(day, rng.choice((450, 480, 510, 840, 870)))
        end = start + timedelta(hours=rng.choice((2, 2, 3, 4)))
        topic = _SESSION_TOPICS[kind]
        if kind in (SessionKind.THEMATIC, SessionKind.AD_HOC):
            topic = f"{topic} về {rng.choice(_THEMES)}"
        topic = f"{topic} – {ward.unit.name}"
        fmt = rng.choices(list(SessionFormat), weights=(85, 5, 10))[0]
        place = "" if fmt == SessionFormat.ONLINE else f"Hội trường UBND, {_street_address(rng)}"
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
            "state": SessionState.DRAFT,
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
            "conclusions_text": "",
            "conclusions_issued_at": None,
            "closed_at": None,
            "search_text": fold(f"{topic} {place}")[:700],
            "created_at": None,
            "created_by_id": ward.officer_id,
            "updated_at": None,
        }
        cutoff = clock.cutoff
        past = start < cutoff
        roll = rng.random()
        # The plan: created, submitted, approved well before the announcement.
        created = clock.office(day - timedelta(days=rng.randint(15, 30)))
        created = min(created, cutoff - timedelta(hours=rng.randint(30, 200)))
        row["created_at"] = created
        self._history(sid, created, *officer, "", SessionState.DRAFT)
        last = created
        if (past and roll < 0.005) or (not past and roll < 0.1):
            return self._finish(row, last)  # a draft nobody took further
        submitted = created + timedelta(hours=rng.randint(2, 30))
        approved = submitted + timedelta(hours=rng.randint(2, 48))
        approved = min(approved, cutoff - timedelta(hours=1))
        submitted = min(submitted, approved - timedelta(minutes=30))
        row.update(submitted_at=submitted, approved_at=approved, approved_by_id=ward.head_id)
        self._history(
            sid,
            submitted,
            *officer,
            SessionState.DRAFT,
            SessionState.DRAFT,
            data={"event": "submitted"},
        )
        self._history(sid, approved, *head, SessionState.DRAFT, SessionState.PLANNED)
        row["state"] = SessionState.PLANNED
        row["version"] = 3
        last = approved
        if (past and roll < 0.01) or (not past and roll < 0.25):
            return self._finish(row, last)  # approved, never announced
        if (past and roll < 0.02) or (not past and roll < 0.27):
            # Cancelled before the announcement: never public.
            when = min(
                clock.office(day - timedelta(days=rng.randint(1, 5))), cutoff - timedelta(minutes=5)
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
            self._history(
                sid, moved, *officer, SessionState.ANNOUNCED, SessionState.POSTPONED, reason, data
            )
            row.update(state=SessionState.POSTPONED, postponed_reason=reason)
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
        recorded = clock.office(actual_end.date() + timedelta(days=rng.choice((0, 0, 1, 1, 2, 4))))
        recorded = max(recorded, actual_end + timedelta(minutes=15))
        if recorded >= cutoff:
            return self._finish(row, last)  # announced, happened, not recorded yet
        days, working = self.conclusions_rule
        conclusions_due, explanation = clock.due(actual_start.date(), days, working)
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
            attendance_count=attendance,
            bodies_present="Đảng ủy, UBND, Ủy ban MTTQ, các đoàn thể",
            minutes_text="Biên bản ghi nhận ý kiến của người dân và trả lời của lãnh đạo.",
            held_recorded_at=recorded,
            conclusions_due=conclusions_due,
        )
        self._history(
            sid,
            recorded,
            *officer,
            row["state"],
            SessionState.HELD,
            data={
                "attendance": attendance,
                "files": [],
                "conclusions_due": conclusions_due.isoformat(),
                "due_explanation": explanation,
            },
        )
        row["state"] = SessionState.HELD
        row["version"] += 1
        last = recorded
        lag = rng.randint(2, days) if rng.random() < 0.88 else rng.randint(days + 1, days + 15)
        notice_day = clock.add_working(actual_start.date(), lag)
        issued = max(clock.office(notice_day), last + timedelta(hours=1))
        if issued < cutoff:
            number = f"{rng.randint(1, 999)}/TB-UBND"
            row.update(
                conclusions_number=number,
                conclusions_date=issued.date(),
                conclusions_signer_name=ward.head_name,
                conclusions_signer_position="Chủ tịch UBND",
                conclusions_text="Kết luận của người chủ trì về các ý kiến, kiến nghị của Nhân dân.",
                conclusions_issued_at=issued,
                state=SessionState.CONCLUDED,
            )
            row["version"] += 2
            self._history(
                sid,
                issued,
                *head,
                SessionState.HELD,
                SessionState.CONCLUDED,
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
                row.update(closed_at=closing, state=SessionState.CLOSED)
                row["version"] += 1
                self._history(sid, closing, *officer, SessionState.CONCLUDED, SessionState.CLOSED)
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
            state=SessionState.ANNOUNCED,
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
        from_state = SessionState.POSTPONED if row["postponed_reason"] else SessionState.PLANNED
        self._history(sid, when, *actor, from_state, SessionState.ANNOUNCED, reason, data)

    def _cancel(self, row, sid, when, officer, last):
        reason = "Không đủ điều kiện tổ chức theo kế hoạch."
        if row["announced_at"] is not None:
            row["sequence"] += 1
        self._history(sid, when, *officer, row["state"], SessionState.CANCELLED, reason)
        row.update(state=SessionState.CANCELLED, cancelled_reason=reason, cancelled_at=when)
        row["version"] += 1
        return self._finish(row, when)

    def _finish(self, row, last) -> None:
        row["updated_at"] = last
        self.sessions.add(tuple(row[c] for c in SESSION_COLUMNS))


# ---------------------------------------------------------------------------------------
# Concerns


CONCERN_COLUMNS = [
    "id", "tracking_code", "tracking_code_compact", "unit_id", "channel", "type",
    "category_id", "content", "address", "submitter_name", "submitter_phone",
    "submitter_email", "submitter_address", "consent_given_at", "session_id", "organisation",
    "submitted_by_id", "state", "received_at", "ack_due_at", "accepted_at", "is_complex",
    "due_at", "due_explanation", "assignee_id", "assigned_at", "paused_since",
    "answer_status", "answer_text", "answer_public_text", "verdict", "verdict_explanation",
    "answer_drafted_by_id", "answer_approved_by_id", "answer_published_at",
    "answered_at_session", "return_count", "citizen_verdict", "citizen_verdict_at",
    "dispute_count", "merged_into_id", "referred_from_id", "referred_to", "decline_reason",
    "closed_at", "anonymised_at", "search_text", "version", "updated_at",
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
        ),
        "",
    )  # fmt: skip
)
CONCERN_DEFAULTS.update(
    is_complex=False, answered_at_session=False, return_count=0, dispute_count=0, version=1
)
TRANSITION_COLUMNS = [
    "id", "concern_id", "actor_id", "created_at", "action", "from_state", "to_state", "note",
    "is_public", "public_note",
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


class Life:
    """One concern being replayed: its row, its history, and the clock of its events."""

    __slots__ = ("row", "events", "state", "last")

    def __init__(self, row: dict, received: datetime):
        self.row = row
        self.events: list[tuple] = []
        self.state = ""  # the first entry (submitted) moves it to "received"
        self.last = received

    def step(self, when: datetime) -> datetime:
        """``when``, but never before (or at) the previous event."""
        if when <= self.last:
            when = self.last + timedelta(minutes=1)
        self.last = when
        return when

    def log(self, when, action, actor, to_state=None, note="", public_note="", is_public=None):
        from_state = self.state
        if to_state is not None:
            self.state = to_state
        public = bool(public_note) if is_public is None else is_public
        self.events.append((actor, when, action, from_state, self.state, note, public, public_note))


class ConcernSeeder:
    """Replays every concern's life (see the module docstring) and writes the rows."""

    def __init__(self, config: PerfConfig, clock: Clock, rng: random.Random, wards: list[Ward]):
        self.config = config
        self.clock = clock
        self.rng = rng
        self.wards = wards
        self.cum_weights = list(accumulate(w.weight for w in wards))
        b = config.batch_size
        self.concerns = TableWriter(Concern, CONCERN_COLUMNS, b)
        self.transitions = TableWriter(ConcernTransition, TRANSITION_COLUMNS, b)
        self.commitments = TableWriter(FollowUpCommitment, COMMITMENT_COLUMNS, b)
        self.extensions = TableWriter(Extension, EXTENSION_COLUMNS, b)
        self.pauses = TableWriter(Pause, PAUSE_COLUMNS, b)
        self.ids = {
            "concern": _next_id(Concern),
            "transition": _next_id(ConcernTransition),
            "commitment": _next_id(FollowUpCommitment),
            "extension": _next_id(Extension),
            "pause": _next_id(Pause),
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
        config, rng, clock = self.config, self.rng, self.clock
        total = config.concerns_per_year * config.years
        at_sessions = self._session_opinions(held, round(total * SESSION_SHARE))
        # A referral from another ward adds that ward's (referred) concern too.
        referral_share = dict(_CHANNELS)[ConcernChannel.REFERRAL] / _CHANNEL_CUM[-1]
        stream = round((total - len(at_sessions)) / (1 + referral_share))
        first = clock.today - timedelta(days=365 * config.years)
        days = [first + timedelta(days=n) for n in range((clock.today - first).days)]
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
            arrivals.append((clock.at(day, minute), None))
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
                if moment < self.clock.cutoff:
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
        street = rng.choice(_STREETS)
        content = f"{rng.choice(_TOPICS.get(category, _TOPICS['Khác']))} tại đường {street}, khu phố {rng.randint(1, 40)}."
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
            ack_due_at=self.clock.add_working(received.date(), self.rules[type_].acknowledge_days),
        )
        self.ids["concern"] += 1
        return row

    def _identity(self, row: dict, rng: random.Random, *, required: bool, web: bool) -> None:
        if required or rng.random() < (0.75 if web else 0.6):
            row["submitter_name"] = _name(rng)
            row["submitter_phone"] = _phone(rng)
            if rng.random() < 0.35:
                row["submitter_email"] = f"nguoidan{rng.randint(1, 10**6)}@example.com"
            if rng.random() < 0.4:
                row["submitter_address"] = _street_address(rng)
        elif web and rng.random() < 0.5:
            row["submitter_email"] = f"nguoidan{rng.randint(1, 10**6)}@example.com"
        if web or any(row[f] for f in ("submitter_name", "submitter_phone", "submitter_email")):
            row["consent_given_at"] = row["received_at"]

    def _submitted_note(self, life: Life, actor) -> None:
        row = life.row
        explanation = self.clock.due(
            row["received_at"].date(), self.rules[row["type"]].acknowledge_days, True
        )[1]
        life.log(
            row["received_at"], TransitionAction.SUBMITTED, actor, ConcernState.RECEIVED,
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
                received, TransitionAction.SUBMITTED, parent["_referrer"], ConcernState.RECEIVED,
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
        rng, clock = self.rng, self.clock
        other = self._ward(exclude=ward)
        earlier = clock.office(clock.add_working(received.date(), -rng.randint(1, 6)))
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
            ConcernState.REFERRED,
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
            row["submitter_name"] = _name(rng)
        life = Life(row, received)
        actor = ward.officer_id
        note = _vi("Raised at the session “%(topic)s”.") % {"topic": session.topic}
        life.log(
            received,
            TransitionAction.SUBMITTED,
            actor,
            ConcernState.RECEIVED,
            note=note,
            is_public=True,
        )
        roll = rng.random()
        # A closed session has only ended concerns (its close guard): answered or referred.
        if session.closed:
            roll = roll * 0.45
        if roll < 0.1:
            body = rng.choice(_OUTSIDE_BODIES)
            row["referred_to"] = body
            public = _vi("Referred to %(body)s, which is competent for it.") % {"body": body}
            self._end(
                life,
                received,
                ConcernState.REFERRED,
                TransitionAction.REFERRED,
                actor,
                public_note=public,
            )
            return self._write(life)
        due, explanation = self._answer_due(type_, received.date(), False)
        row.update(accepted_at=received, due_at=due, due_explanation=explanation)
        life.log(received, TransitionAction.ACCEPTED, actor, ConcernState.ACCEPTED, is_public=False)
        if roll < 0.45:
            answer = rng.choice(_ANSWERS)
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
            life.log(
                received,
                TransitionAction.ANSWERED,
                actor,
                ConcernState.ANSWERED,
                public_note=_vi("Answered on the spot at the session."),
            )
            self._end(
                life, received, ConcernState.CLOSED, TransitionAction.CLOSED, actor, is_public=True
            )
            return self._write(life)
        self._assign(life, ward, received, actor)
        self._answer_and_after(life, ward)
        self._write(life)

    # --- the life after receipt -----------------------------------------------------

    def _answer_due(self, type_: str, start: date, is_complex: bool) -> tuple[date, str]:
        rule = self.rules[type_]
        days = rule.complex_days if is_complex and rule.complex_days else rule.answer_days
        return self.clock.due(start, days, rule.answer_in_working_days)

    def _handle(self, life: Life, ward: Ward) -> None:  # noqa: C901
        rng, clock = self.rng, self.clock
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
        acked = life.step(clock.office(clock.add_working(received.date(), delay)))
        if acked >= clock.cutoff:
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
            ConcernState.ACCEPTED,
            public_note=_vi("Answer due by %(due)s (%(how)s).")
            % {"due": _d(due), "how": explanation},
        )
        if rng.random() < 0.97:
            self.merge_target[ward.unit.pk] = row["id"]
        assigned = life.step(clock.office(clock.add_working(acked.date(), rng.randint(0, 3))))
        if assigned >= clock.cutoff:
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
            ConcernState.ASSIGNED,
            public_note=_vi("Assigned for handling; answer due by %(due)s.")
            % {"due": _d(row["due_at"])},
        )

    def _exit(
        self, life: Life, when: datetime, actor: int, how: str, target: int | None = None
    ) -> None:
        row, rng = life.row, self.rng
        if how == "withdrawn":
            note = "Người dân gọi điện đề nghị rút đơn."
            return self._end(
                life, when, ConcernState.WITHDRAWN, TransitionAction.WITHDRAWN, actor, note=note,
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
                ConcernState.DECLINED,
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
                life, when, ConcernState.MERGED, TransitionAction.MERGED, actor, public_note=public
            )
        body = rng.choice(_OUTSIDE_BODIES)
        row["referred_to"] = body
        public = _vi("Referred to %(body)s, which is competent for it.") % {"body": body}
        public = f"{public} Người dân liên hệ trực tiếp cơ quan này."
        self._end(
            life, when, ConcernState.REFERRED, TransitionAction.REFERRED, actor, public_note=public
        )

    def _end(self, life, when, state, action, actor, note="", public_note="", is_public=None):
        """``services._end``: the final state, ``closed_at``, an open pause ended with it."""
        row = life.row
        row["closed_at"] = when
        if row["paused_since"] is not None:
            row["paused_since"] = None
            pause = row.get("_pause")
            if pause is not None:
                pause[3] = when
        life.log(
            when, action, actor, state, note=note, public_note=public_note, is_public=is_public
        )

    def _answer_and_after(self, life: Life, ward: Ward) -> None:  # noqa: C901, PLR0912, PLR0915
        """From assigned: pause, extension, answer, verdict, disputes, commitments, close."""
        rng, clock = self.rng, self.clock
        row = life.row
        cutoff = clock.cutoff
        rule = self.rules[row["type"]]
        officer, head = ward.officer_id, ward.head_id
        start = row["assigned_at"]
        # Working time: a lognormal number of days to the answer (median about 2 weeks).
        answer_at = clock.office(
            start.date() + timedelta(days=max(1, round(rng.lognormvariate(2.6, 0.6))))
        )
        if rng.random() < 0.04:  # waiting for the citizen's documents
            began = life.step(clock.office(start.date() + timedelta(days=rng.randint(1, 8))))
            if began >= cutoff:
                return
            ended = clock.office(began.date() + timedelta(days=rng.randint(3, 20)))
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
                began, TransitionAction.PAUSED, officer, note=pause[4],
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
                new = clock.add_working(old, count_working_days(began.date(), ended.date()))
            else:
                new = clock.add_calendar(old, days) if days else old
            public = _vi("The deadline runs again.")
            if new != old:
                row["due_at"] = new
                row["due_explanation"] = f"{row['due_explanation']} " + _vi(
                    "Moved from %(old)s to %(new)s for the pause of %(start)s–%(end)s."
                ) % {
                    "old": _d(old),
                    "new": _d(new),
                    "start": _d(began.date()),
                    "end": _d(ended.date()),
                }
                public = _vi("The deadline runs again and moves from %(old)s to %(new)s.") % {
                    "old": _d(old),
                    "new": _d(new),
                }
            life.log(ended, TransitionAction.RESUMED, officer, public_note=public)
            answer_at = max(answer_at, ended + timedelta(days=rng.randint(2, 10)))
        if rng.random() < 0.05 and row["due_at"] is not None:
            asked = life.step(clock.office(start.date() + timedelta(days=rng.randint(3, 12))))
            if asked >= cutoff:
                return
            old = row["due_at"]
            new = old + timedelta(days=rng.randint(15, 30))
            reason = "Nội dung phức tạp, cần thêm thời gian xác minh."
            extension = [self.ids["extension"], row["id"], reason, officer, asked, old, new,
                         ExtensionStatus.PENDING, None, None, ""]  # fmt: skip
            self.ids["extension"] += 1
            life.log(
                asked, TransitionAction.EXTENSION_REQUESTED, officer,
                note=_vi("Asked to move the due date from %(old)s to %(new)s: %(reason)s")
                % {"old": _d(old), "new": _d(new), "reason": reason},
                is_public=False,
            )  # fmt: skip
            decided = clock.office(clock.add_working(asked.date(), rng.randint(1, 3)))
            if decided < cutoff:
                decided = life.step(decided)
                extension[8], extension[9] = head, decided
                if rng.random() < 0.8:
                    extension[7] = ExtensionStatus.APPROVED
                    row["due_at"] = new
                    row["due_explanation"] = _vi(
                        "Extended from %(old)s to %(new)s, approved by %(who)s."
                    ) % {"old": _d(old), "new": _d(new), "who": ward.head_name}
                    life.log(
                        decided, TransitionAction.EXTENSION_APPROVED, head,
                        public_note=_vi("The deadline was extended from %(old)s to %(new)s.")
                        % {"old": _d(old), "new": _d(new)},
                    )  # fmt: skip
                    answer_at += timedelta(days=rng.randint(5, 20))
                else:
                    extension[7] = ExtensionStatus.REFUSED
                    extension[10] = "Đề nghị khẩn trương hoàn thành đúng hạn."
                    life.log(
                        decided,
                        TransitionAction.EXTENSION_REFUSED,
                        head,
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
            window_end = clock.add_working(published.date(), rule.citizen_window_days)
            roll = rng.random()
            dispute_chance = 0.07 if disputes == 0 else 0.12
            if roll < dispute_chance and disputes < 2:
                when = clock.office(
                    clock.add_working(published.date(), rng.randint(1, rule.citizen_window_days))
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
                    due_at=due,
                    due_explanation=explanation,
                )
                life.log(
                    when, TransitionAction.DISPUTED, None, ConcernState.ASSIGNED,
                    note="Tôi chưa đồng ý với nội dung trả lời.",
                    public_note=_vi(
                        "You disputed the answer. The concern is reopened; a new answer is due by %(due)s."
                    ) % {"due": _d(due)},
                )  # fmt: skip
                row["version"] += 1
                answer_at = clock.office(
                    when.date() + timedelta(days=max(1, round(rng.lognormvariate(2.4, 0.6))))
                )
                continue
            break
        commitments = self._commitments(life, ward) if rng.random() < 0.15 else []
        if roll < dispute_chance + 0.35:
            verdict_at = clock.office(
                clock.add_working(published.date(), rng.randint(0, rule.citizen_window_days))
            )
            action, actor = TransitionAction.CITIZEN_ACCEPTED, None
        else:
            verdict_at = clock.office(window_end + timedelta(days=rng.randint(1, 10)))
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
        if still_open:
            if action == TransitionAction.CLOSED:
                action = TransitionAction.FOLLOW_UP
            life.log(verdict_at, action, actor, ConcernState.FOLLOWING_UP, is_public=True)
        else:
            return self._end(life, verdict_at, ConcernState.CLOSED, action, actor, is_public=True)
        for commitment in pending_done:
            moment = commitment[7]
            if moment is None or moment >= cutoff:
                return
            self._commitment_done(life, commitment, moment)
        if all(c[7] is not None and c[7] < cutoff for c in commitments):
            self._end(
                life, life.step(life.last), ConcernState.CLOSED, TransitionAction.CLOSED, officer,
                note=_vi("Every follow-up commitment is done."), is_public=True,
            )  # fmt: skip

    def _pending(self, life: Life) -> None:
        """Not answered by today: perhaps a draft, or waiting for the head."""
        row = life.row
        if self.rng.random() < 0.3:
            row.update(
                answer_status=AnswerStatus.DRAFT,
                answer_text=_ANSWERS[0],
                answer_public_text=_ANSWERS[0],
                answer_drafted_by_id=row["assignee_id"],
            )
            row["version"] += 1

    def _publish(self, life: Life, ward: Ward, answer_at: datetime) -> bool:
        """Draft, (approval,) publish at ``answer_at``; False when today comes first."""
        rng, clock = self.rng, self.clock
        row = life.row
        rule = self.rules[row["type"]]
        if answer_at >= clock.cutoff:
            self._pending(life)
            return False
        answer = rng.choice(_ANSWERS)
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
        row["version"] += 1  # the draft
        drafter = row["assignee_id"]
        approver = None
        if rule.needs_head_approval:
            submitted = life.step(answer_at - timedelta(hours=rng.randint(2, 30)))
            if submitted >= clock.cutoff:
                self._pending(life)
                return False
            life.log(submitted, TransitionAction.ANSWER_SUBMITTED, drafter, is_public=False)
            if rng.random() < 0.03:
                returned = life.step(submitted + timedelta(hours=rng.randint(2, 24)))
                row["return_count"] += 1
                life.log(returned, TransitionAction.ANSWER_RETURNED, ward.head_id,
                         note="Đề nghị bổ sung căn cứ pháp lý.", is_public=False)  # fmt: skip
                resubmitted = life.step(returned + timedelta(hours=rng.randint(4, 48)))
                if resubmitted >= clock.cutoff:
                    row["answer_status"] = AnswerStatus.RETURNED
                    return False
                life.log(resubmitted, TransitionAction.ANSWER_SUBMITTED, drafter, is_public=False)
                row["version"] += 3
            answer_at = life.step(answer_at)
            if answer_at >= clock.cutoff:
                row["answer_status"] = AnswerStatus.PENDING
                return False
            approver = ward.head_id
            life.log(
                answer_at,
                TransitionAction.ANSWER_APPROVED,
                approver,
                note="Đồng ý ban hành.",
                is_public=False,
            )
            row["version"] += 1
        else:
            answer_at = life.step(answer_at)
            if answer_at >= clock.cutoff:
                self._pending(life)
                return False
        row.update(
            answer_status=AnswerStatus.PUBLISHED,
            answer_published_at=answer_at,
            answer_approved_by_id=approver,
            citizen_verdict="",
            citizen_verdict_at=None,
        )
        window = clock.add_working(answer_at.date(), rule.citizen_window_days)
        life.log(
            answer_at, TransitionAction.ANSWERED, approver or drafter, ConcernState.ANSWERED,
            public_note=_vi("You may accept or dispute this answer until %(date)s.") % {"date": _d(window)},
        )  # fmt: skip
        return True

    def _commitments(self, life: Life, ward: Ward) -> list[list]:
        """What the answer promised (``commitment_add`` right after publishing)."""
        rng, clock = self.rng, self.clock
        row = life.row
        published = row["answer_published_at"]
        out = []
        for _n in range(rng.choice((1, 1, 2))):
            created = published + timedelta(minutes=rng.randint(5, 90))
            due = published.date() + timedelta(days=rng.randint(10, 60))
            luck = rng.random()
            if luck < 0.7:
                done_day = due - timedelta(days=rng.randint(0, 8))
            elif luck < 0.85:
                done_day = due + timedelta(days=rng.randint(1, 30))
            else:
                done_day = due + timedelta(days=rng.randint(40, 200))
            done = clock.office(max(done_day, created.date() + timedelta(days=1)))
            commitment = [
                self.ids["commitment"], row["id"], "Sửa chữa, khắc phục theo nội dung đã trả lời.",
                "Tổ công tác UBND", due, row["assignee_id"], created,
                done if done < clock.cutoff else None, None, "",
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
            moment, TransitionAction.COMMITMENT_DONE, commitment[8], note=commitment[9],
            public_note=_vi("Done: %(what)s") % {"what": commitment[2]},
        )  # fmt: skip
        life.row["version"] += 1

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
            self.transitions.add(
                (next_id, cid, actor, when, action, from_state, to_state, note, public, public_note)
            )
            next_id += 1
        self.ids["transition"] = next_id
        for commitment in row.get("_commitments", ()):
            self.commitments.add(tuple(commitment))


# ---------------------------------------------------------------------------------------
# The whole seed


SEEDED_MODELS = (
    "auth.User",
    "units.Membership",
    "dialogue_sessions.DialogueSession",
    "dialogue_sessions.SessionTransition",
    "petitions.Concern",
    "petitions.ConcernTransition",
    "petitions.FollowUpCommitment",
    "petitions.Extension",
    "petitions.Pause",
)


class _Phases:
    """Times each phase and tells the operator as it goes."""

    def __init__(self, report: PerfReport, log: Callable[[str], None]):
        self.report = report
        self.log = log

    def run(self, name: str, func, *args):
        self.log(f"{name}…")
        started = time.perf_counter()
        result = func(*args)
        elapsed = time.perf_counter() - started
        self.report.phases.append((name, elapsed))
        self.log(f"{name}: {elapsed:.1f} s")
        return result


def is_seeded() -> bool:
    return get_user_model().objects.filter(username=REVIEWER_USERNAME).exists()


def _reset_sequences() -> None:
    from django.apps import apps

    models = [apps.get_model(label) for label in SEEDED_MODELS]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {label: apps.get_model(label).objects.count() for label in SEEDED_MODELS}


def seed_perf(config: PerfConfig, *, log: Callable[[str], None] = print) -> PerfReport:
    """Seed the units, the accounts, sessions and concerns; refresh the rollup. See the module."""
    from compliance.services import rollup_refresh

    if is_seeded():
        raise AlreadySeeded(REVIEWER_USERNAME)
    report = PerfReport()
    phases = _Phases(report, log)
    rng = random.Random(config.seed)
    # The services write their history in the portal's language; so does this.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        phases.run("units", lambda: units_import_province(province_code=CITY_CODE))
        wards, _users = phases.run("accounts", seed_accounts, rng)
        clock = Clock(config.today, rng)
        sessions = SessionSeeder(config, clock, rng)
        phases.run("sessions", sessions.run, wards)
        concerns = ConcernSeeder(config, clock, rng, wards)
        phases.run("concerns", concerns.run, sessions.held)
        phases.run("sequences", _reset_sequences)
        committing = time.perf_counter()
    # Leaving the block commits: PostgreSQL checks the deferred foreign keys now.
    report.phases.append(("commit", time.perf_counter() - committing))
    phases.run("analyze", _analyze)
    phases.run("compliance rollup", lambda: rollup_refresh(today=config.today))
    report.counts = _counts()
    return report
