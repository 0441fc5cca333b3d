"""The sessions panel on the staff home page."""

from units.permissions import Capability, has_capability

from .selectors import staff_panel_data


def sessions_panel(request) -> dict | None:
    """Upcoming sessions and what is due next in the user's units (three queries)."""
    user = request.user
    if not has_capability(user, Capability.VIEW_SESSIONS):
        return None
    context = staff_panel_data(user)
    context["can_create"] = has_capability(user, Capability.MANAGE_SESSIONS)
    return {"template": "dialogue_sessions/staff_home_panel.html", "context": context}
