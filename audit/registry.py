"""One mapping from action code to human text (as pretix's logdisplay).

Audit log: apps register their action codes in ``AppConfig.ready()``::

    register_actions({"session.approved": _("approved the plan")})

History tables: each concrete ``audit.history.HistoryEntry`` names its ``TextChoices`` of
action codes (``actions = SessionAction``); the audit app registers them all when the apps
are ready (``AuditConfig.ready``), so a history model's texts are declared once,
beside the constraint over its codes. Admin pages and history pages show
:func:`action_text` / :func:`history_action_text`, never a text re-derived elsewhere.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

_ACTIONS: dict[str, str] = {
    "auth.login": _("signed in"),
    "auth.login_failed": _("failed to sign in"),
    "auth.logout": _("signed out"),
    "auth.locked_out": _("was locked out after repeated failed sign-ins"),
}

# History model label ("dialogue_sessions.sessiontransition") → action code → text.
_HISTORY: dict[str, dict[str, str]] = {}


def register_actions(actions: dict) -> None:
    _ACTIONS.update(actions)


def action_text(code: str) -> str:
    return str(_ACTIONS.get(code, code))


def audit_actions() -> dict[str, str]:
    """Every registered audit action code and its text."""
    return dict(_ACTIONS)


def register_history_actions(model_label: str, actions: type[models.TextChoices]) -> None:
    """Register the action codes and texts of the history model ``app_label.modelname``."""
    _HISTORY[model_label.lower()] = dict(actions.choices)


def history_action_text(model_label: str, code: str) -> str:
    return str(_HISTORY.get(model_label.lower(), {}).get(code, code))


def history_actions(model_label: str) -> dict[str, str]:
    """The registered action codes of one history model and their texts ({} if none)."""
    return dict(_HISTORY.get(model_label.lower(), {}))
