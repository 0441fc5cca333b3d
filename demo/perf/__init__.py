"""A city-scale dataset for performance work: ``manage.py seed_perf`` (issue #7).

The 168 real commune-level units of Ho Chi Minh City, an officer and a head in each, a
city reviewer, then ``years`` years (ending today) of dialogue sessions and concerns with
their whole history, written in bulk: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

Why not the services (as ``seed_demo`` does)? They lock, audit and e-mail one row at a
time: hours for half a million concerns. Instead this package *replays the services on
paper*: each concern's life is simulated event by event (receive → accept → assign →
answer → the citizen's verdict → follow-up and close, with exits, pauses, extensions and
disputes on the way) and cut at today's midnight; the rows are what the services would
have left behind, with the same fields set at each step, the same history actions and
the same deadlines (``workcalendar.calendar.compute_due`` with each type's
``ConcernRule``, cached per start date). Every change of state is an action of the
lifecycle tables (``sessions.transitions``, ``petitions.transitions``) taken through
``replay.move``, so no seeded history holds a move the portal would refuse. Every check
constraint holds (the database enforces them).

Deterministic: one ``random.Random(seed)`` drives everything and every time derives from
``today``, so the same seed and the same ``today`` give the same rows, ids included (ids
are assigned here, after the current maximum, so children reference parents without a
read back). Nothing is sent, nothing is audited: the audit log records what people did,
and nobody did this.

The modules, in the order the seed runs them:

- ``config``: accounts, sizes, the run's configuration and report;
- ``writer``: the bulk writer (``COPY`` / ``executemany``) and id assignment;
- ``timeline``: Ho Chi Minh City times and the cached working-day calendar;
- ``words``: invented names, streets and texts;
- ``replay``: each simulated move checked against, and led by, the transitions tables;
- ``accounts``: units and accounts;
- ``sessions``: sessions and their histories;
- ``concerns`` and ``answers``: concerns and their histories;
- ``seed``: the whole run, phase by phase (``seed_perf``).
"""

from .config import (
    CITY_CODE,
    HEAD_PREFIX,
    OFFICER_PREFIX,
    PASSWORD,
    REVIEWER_USERNAME,
    AlreadySeeded,
    PerfConfig,
    PerfReport,
)
from .seed import SEEDED_MODELS, is_seeded, seed_perf

__all__ = [
    "CITY_CODE",
    "HEAD_PREFIX",
    "OFFICER_PREFIX",
    "PASSWORD",
    "REVIEWER_USERNAME",
    "SEEDED_MODELS",
    "AlreadySeeded",
    "PerfConfig",
    "PerfReport",
    "is_seeded",
    "seed_perf",
]
