from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueSessionsConfig(AppConfig):
    # The default label "sessions" would clash with django.contrib.sessions.
    name = "sessions"
    label = "dialogue_sessions"
    verbose_name = _("Dialogue sessions")

    def ready(self) -> None:
        from audit.registry import register_actions
        from dialogue_portal.lib.panels import register_staff_panel

        from .panels import sessions_panel
        from .services import AUDIT_ACTIONS

        register_actions(AUDIT_ACTIONS)
        register_staff_panel(sessions_panel)
        self._invalidate_public_pages_on_change()

    def _invalidate_public_pages_on_change(self) -> None:
        """The public calendar and session pages show sessions and their files."""
        from django.db.models.signals import post_delete, post_save

        from dialogue_portal.lib.pagecache import invalidate_public_pages

        for name in ("DialogueSession", "SessionAttachment", "FrequencyRule", "TimingRule"):
            model = self.get_model(name)
            for signal in (post_save, post_delete):
                signal.connect(
                    invalidate_public_pages, sender=model, dispatch_uid=f"publicpage-{name}"
                )
