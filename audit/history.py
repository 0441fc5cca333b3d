"""The one shape of a history row: a change in the life of a session, a concern, ….

Each app that keeps a history declares one concrete model on :class:`HistoryEntry`, with
its object's foreign key, its ``TextChoices`` of action codes as ``actions`` (the texts
people read), its states as the choices of ``from_state``/``to_state``, and a
``CheckConstraint`` over ``action`` from the same ``actions``::

    class SessionTransition(HistoryEntry):
        actions = SessionAction
        session = models.ForeignKey(DialogueSession, …, related_name="transitions")
        action = models.CharField(_("action"), max_length=30, choices=SessionAction.choices)
        …

The audit app registers every such model's ``actions`` when the apps are ready
(``audit.registry.register_history_actions``): admin inlines and history pages show
``entry.action_text``, the text registered for the code, and never re-derive what
happened from the states or the details.

Rows are append-only like the audit log (``audit.models.AppendOnlyModel``): saving a
stored row again or deleting one raises, so do ``update()`` and ``delete()`` on their
querysets, and the admin shows them read-only (``audit.admin.HistoryInline``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib import clock
from dialogue_portal.lib.people import person_name  # noqa: F401 (re-exported)

from .models import AppendOnlyModel, AppendOnlyQuerySet


class HistoryQuerySet(AppendOnlyQuerySet):
    def bulk_create(self, objs: Iterable[HistoryEntry], *args, **kwargs) -> list[HistoryEntry]:
        objs = list(objs)
        for obj in objs:
            obj.fill_derived()
        return super().bulk_create(objs, *args, **kwargs)


class HistoryEntry(AppendOnlyModel):
    """Who changed what, when, from which state to which, with a note and the details."""

    # The model's TextChoices of action codes and texts (set by each concrete model).
    actions: ClassVar[type[models.TextChoices]]

    created_at = models.DateTimeField(_("time"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept beside the foreign key so the row still names the person if the user goes;
    # pages show it without joining the users (family name first, see person_name).
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    # Facts of the change, e.g. the old and new dates of a postponement.
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Before the first write: the actor's name, and the action if none was given."""
        if self.pk is not None:
            return
        if not self.actor_name and self.actor_id is not None:
            self.actor_name = person_name(self.actor)
        if not self.action:
            self.action = self.derive_action()

    def derive_action(self) -> str:
        """The action a row written without one stands for (none by default: refused)."""
        return ""

    @property
    def action_text(self) -> str:
        """What happened, in the reader's language: the text registered for the code."""
        from .registry import history_action_text

        return history_action_text(self._meta.label_lower, self.action)

    @property
    def changes_state(self) -> bool:
        return self.from_state != self.to_state
