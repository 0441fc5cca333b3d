"""Travel in time, so the other apps' services record events on the dates a test needs.

Patches ``django.utils.timezone.now`` (which ``timezone.localdate()``, ``auto_now`` and
``auto_now_add`` call) and the fields whose default is ``timezone.now`` itself (a default
captured when the model class was built, so the patch above does not reach it).
"""

from datetime import datetime

from django.apps import apps
from django.utils import timezone

_REAL_NOW = timezone.now


class Clock:
    def __init__(self, monkeypatch):
        self.moment = _REAL_NOW()
        monkeypatch.setattr(timezone, "now", self.now)
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if getattr(field, "default", None) is _REAL_NOW:
                    monkeypatch.setattr(field, "_get_default", self.now)

    def now(self) -> datetime:
        return self.moment

    def to(self, year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
        """Set the clock to a Ho Chi Minh City wall-clock time; return it."""
        self.moment = timezone.make_aware(
            datetime(year, month, day, hour, minute), timezone.get_default_timezone()
        )
        return self.moment
