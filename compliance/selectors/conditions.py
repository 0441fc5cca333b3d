"""The conditions of every figure (one period, one "today"), shared by the counts, the
series and the lists behind the numbers; and the units that existed in a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from petitions.models import (
    ANSWERED_STATES,
    Concern,
    ConcernState,
    ConcernTransition,
    Pause,
    TransitionAction,
)
from sessions.models import HELD_STATES, UnitLevel
from units.models import Unit

from .. import workdays
from ..dbfunctions import LocalDate
from ..periods import Period

ACK_STATES_WITHOUT_ACCEPTANCE = (ConcernState.REFERRED, ConcernState.DECLINED)
CURRENT_STATES = (ConcernState.ACCEPTED, ConcernState.ASSIGNED)


# ---------------------------------------------------------------------------------------
# Units in a period


def units_in_period(units: QuerySet[Unit], period: Period) -> QuerySet[Unit]:
    """The units of ``units`` that existed during ``period`` (active, or valid into it)."""
    return (
        units.filter(Q(is_active=True) | Q(valid_to__gte=period.start))
        .exclude(valid_from__gt=period.end)
        .order_by("path")
    )


def unit_level(unit: Unit) -> str | None:
    """The frequency rules' level of a unit: commune level, city, or none (old districts)."""
    if unit.kind == Unit.Kind.CITY:
        return UnitLevel.CITY
    if unit.is_commune_level or unit.kind == Unit.Kind.TOWN:
        return UnitLevel.COMMUNE
    return None


# ---------------------------------------------------------------------------------------
# Conditions shared by the figures and the lists behind them


def with_concern_dates(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    """Annotate the dates the conditions compare: answered_on, ack_at, ack_on."""
    return qs.annotate(
        answered_on=LocalDate("answer_published_at"),
        ack_at=Case(
            When(accepted_at__isnull=False, then=F("accepted_at")),
            When(state__in=ACK_STATES_WITHOUT_ACCEPTANCE, then=F("closed_at")),
            default=None,
            output_field=DateTimeField(),
        ),
    ).annotate(ack_on=LocalDate("ack_at"))


@dataclass(frozen=True)
class ConcernConditions:
    """The Q objects of each concern figure for one period (on :func:`with_concern_dates`)."""

    period: Period
    today: date

    def _in(self, name: str) -> Q:
        return Q(
            **{
                f"{name}__gte": self.period.start_datetime(),
                f"{name}__lt": self.period.end_datetime(),
            }
        )

    @property
    def received(self) -> Q:
        # A concern referred to another unit of the portal is received once: as the case of
        # the unit it went to (which names where it came from), not also as the case it ended.
        referred_on = Q(
            state=ConcernState.REFERRED,
            pk__in=Concern.objects.filter(referred_from__isnull=False).values("referred_from"),
        )
        return self._in("received_at") & ~Q(state=ConcernState.MERGED) & ~referred_on

    @property
    def answered(self) -> Q:
        return Q(state__in=ANSWERED_STATES) & self._in("answer_published_at")

    @property
    def answered_on_time(self) -> Q:
        return self.answered & (Q(due_at__isnull=True) | Q(answered_on__lte=F("due_at")))

    @property
    def answered_late(self) -> Q:
        return self.answered & Q(answered_on__gt=F("due_at"))

    @property
    def overdue(self) -> Q:
        start, end, today = self.period.start, self.period.end, self.today
        return Q(paused_since__isnull=True) & (
            Q(
                state=ConcernState.RECEIVED,
                ack_due_at__lt=today,
                ack_due_at__gte=start,
                ack_due_at__lte=end,
            )
            | Q(state__in=CURRENT_STATES, due_at__lt=today, due_at__gte=start, due_at__lte=end)
        )

    @property
    def acknowledged(self) -> Q:
        return self._in("ack_at")

    @property
    def ack_late(self) -> Q:
        return self.acknowledged & Q(ack_on__gt=F("ack_due_at"))

    @property
    def rate_basis(self) -> Q:
        return self.answered | self.overdue

    @property
    def touched(self) -> Q:
        """A coarse condition the indexes can serve: any row some figure may count."""
        return (
            self._in("received_at")
            | self._in("answer_published_at")
            | self._in("accepted_at")
            | self._in("closed_at")
            | Q(due_at__gte=self.period.start, due_at__lte=self.period.end)
            | Q(ack_due_at__gte=self.period.start, ack_due_at__lte=self.period.end)
        )


def disputed_in(period: Period) -> Exists:
    return Exists(
        ConcernTransition.objects.filter(
            concern=OuterRef("pk"),
            action=TransitionAction.DISPUTED,
            created_at__gte=period.start_datetime(),
            created_at__lt=period.end_datetime(),
        )
    )


def _paused_working_days(until_field: str):
    """Working days spent in the concern's pauses that began before ``until_field``."""
    pauses = (
        Pause.objects.filter(
            concern=OuterRef("pk"), started_at__lt=OuterRef(until_field), ended_at__isnull=False
        )
        .annotate(started_on=LocalDate("started_at"), ended_on=LocalDate("ended_at"))
        .annotate(
            started_ord=workdays.ordinal_of("started_on"), ended_ord=workdays.ordinal_of("ended_on")
        )
        .order_by()
        .values("concern")
        .annotate(total=Sum(F("ended_ord") - F("started_ord")))
        .values("total")
    )
    return Coalesce(Subquery(pauses, output_field=IntegerField()), Value(0))


def with_working_days(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    """Annotate ``answer_days`` and ``ack_days`` (see the module's definitions)."""
    qs = with_concern_dates(qs).annotate(
        received_on=LocalDate("received_at"),
        received_ord=workdays.ordinal_of("received_on"),
        answered_ord=workdays.ordinal_of("answered_on"),
        ack_ord=workdays.ordinal_of("ack_on"),
        answer_paused=_paused_working_days("answer_published_at"),
        ack_paused=_paused_working_days("ack_at"),
    )
    # Never below 0 without a clamp: every pause counted lies inside (received, event].
    return qs.annotate(
        answer_days=ExpressionWrapper(
            F("answered_ord") - F("received_ord") - F("answer_paused"), output_field=IntegerField()
        ),
        ack_days=ExpressionWrapper(
            F("ack_ord") - F("received_ord") - F("ack_paused"), output_field=IntegerField()
        ),
    )


@dataclass(frozen=True)
class SessionConditions:
    period: Period
    today: date

    @property
    def held(self) -> Q:
        return Q(
            state__in=HELD_STATES,
            actual_start__gte=self.period.start_datetime(),
            actual_start__lt=self.period.end_datetime(),
        )

    @property
    def with_notice(self) -> Q:
        return self.held & Q(is_late_notice=False)

    @property
    def late_notice(self) -> Q:
        return self.held & Q(is_late_notice=True)

    @property
    def conclusions_on_time(self) -> Q:
        return (
            self.held
            & Q(conclusions_issued_at__isnull=False)
            & (Q(conclusions_due__isnull=True) | Q(conclusions_date__lte=F("conclusions_due")))
        )

    @property
    def conclusions_late(self) -> Q:
        return self.held & (
            Q(conclusions_issued_at__isnull=False, conclusions_date__gt=F("conclusions_due"))
            | Q(conclusions_issued_at__isnull=True, conclusions_due__lt=self.today)
        )

    @property
    def conclusions_pending(self) -> Q:
        return (
            self.held
            & Q(conclusions_issued_at__isnull=True)
            & (Q(conclusions_due__isnull=True) | Q(conclusions_due__gte=self.today))
        )


@dataclass(frozen=True)
class CommitmentConditions:
    period: Period
    today: date

    @property
    def due(self) -> Q:
        return Q(due__gte=self.period.start, due__lte=self.period.end)

    @property
    def done(self) -> Q:
        return self.due & Q(done_at__isnull=False)

    @property
    def overdue(self) -> Q:
        return self.due & Q(done_at__isnull=True, due__lt=self.today)
