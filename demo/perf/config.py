"""The seed's settings: accounts, sizes, and the configuration and report of one run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
