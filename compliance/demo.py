"""Demo hook for ``manage.py seed_demo``: bring the compliance rollup up to date.

The other apps' seeders create the sessions and concerns; this runs after them, builds
the working-day index and refreshes the all-history rollup so that the dashboards show
"last updated" at once. Idempotent: running it again recomputes the same rows.
"""

from datetime import date

from .services import rollup_refresh


def seed_demo(*, today: date) -> None:
    rollup_refresh(today=today)
