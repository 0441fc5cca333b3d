"""One mapping from audit action code to human text (as pretix's logdisplay).

Apps register their action codes in ``AppConfig.ready()``:

    register_actions({"session.approved": _("approved the plan")})
"""

from django.utils.translation import gettext_lazy as _

_ACTIONS: dict[str, str] = {
    "auth.login": _("signed in"),
    "auth.login_failed": _("failed to sign in"),
    "auth.logout": _("signed out"),
    "auth.locked_out": _("was locked out after repeated failed sign-ins"),
}


def register_actions(actions: dict) -> None:
    _ACTIONS.update(actions)


def action_text(code: str) -> str:
    return str(_ACTIONS.get(code, code))
