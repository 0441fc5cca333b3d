from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueSessionsConfig(AppConfig):
    # The default label "sessions" would clash with django.contrib.sessions.
    name = "sessions"
    label = "dialogue_sessions"
    verbose_name = _("Dialogue sessions")

    def ready(self) -> None:
        from audit.registry import register_actions
        from dialogue_portal.lib.pagecache import drop_public_pages_when_saved
        from dialogue_portal.lib.panels import register_staff_panel

        from .panels import sessions_panel
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_staff_panel(sessions_panel)
        # The public calendar and session pages show sessions, their files and rules.
        shown = ("DialogueSession", "SessionAttachment", "FrequencyRule", "TimingRule")
        drop_public_pages_when_saved(*(self.get_model(name) for name in shown))
