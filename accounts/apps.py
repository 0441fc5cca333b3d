from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: password, TOTP second factor, session limits, sign-in audit."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from audit.registry import register_actions

        register_actions(
            {
                "auth.otp_enrolled": _("set up two-factor authentication"),
                "auth.otp_failed": _("entered a wrong two-factor code"),
                "auth.session_expired": _("was signed out after inactivity"),
                "access.forbidden": _("was refused a staff page (403)"),
                "access.not_found": _("asked for a staff page that does not exist for them (404)"),
            }
        )
