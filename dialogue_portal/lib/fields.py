"""Model fields that read the portal's clock (``dialogue_portal.lib.clock``)."""

from __future__ import annotations

from datetime import datetime

from django.db import models

from . import clock


class ClockedDateTimeField(models.DateTimeField):
    """A ``DateTimeField`` whose ``auto_now``/``auto_now_add`` stamp is ``clock.now()``.

    Django's own field stamps ``timezone.now()``, so a row written while the clock travels
    (a demo replay, a test on a chosen date) would carry the real time. Same column, same
    options (``auto_now_add=True`` still means not editable and blank), only the source of
    the time differs.
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> datetime | None:
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return models.Field.pre_save(self, model_instance, add)
