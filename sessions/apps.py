from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueSessionsConfig(AppConfig):
    # The default label "sessions" would clash with django.contrib.sessions.
    name = "sessions"
    label = "dialogue_sessions"
    verbose_name = _("Dialogue sessions")
