"""The compliance panel on the staff home page: this month's figures for the user's units."""

from dialogue_portal.lib import clock
from units.permissions import Capability, has_capability, units_for

from .figures import overdue_status, rate_status, sessions_status
from .periods import default_period
from .selectors import unit_figures, units_in_period

# More units than this (a reviewer's subtree) are summed into one line.
PANEL_UNIT_ROWS = 3


def compliance_panel(request) -> dict | None:
    """Short summary of this month's compliance for the units the user may see figures of."""

    user = request.user
    if not has_capability(user, Capability.VIEW_DASHBOARDS):
        return None
    today = clock.today()
    period = default_period(today)
    units = list(units_in_period(units_for(user, Capability.VIEW_DASHBOARDS), period))
    if not units:
        return None
    table = unit_figures(units, period, today, durations=False)
    rows = table.rows if len(units) <= PANEL_UNIT_ROWS else []
    lines = [
        {
            "figures": f,
            "rate_status": rate_status(f),
            "overdue_status": overdue_status(f),
            "sessions_status": sessions_status(f),
        }
        for f in (rows or [table.total])
    ]
    return {
        "template": "compliance/staff_home_panel.html",
        "context": {
            "period": period,
            "lines": lines,
            "summed": not rows,
            "unit_count": len(units),
            "single_unit": units[0] if len(units) == 1 else None,
        },
    }
