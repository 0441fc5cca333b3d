"""Append-only audit log of staff actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.fields import ClockedDateTimeField

APPEND_ONLY = "Audit entries and history rows are append-only."


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are added, never changed or removed in bulk: ``update()`` and ``delete()`` refuse."""

    def update(self, **kwargs):
        raise PermissionError(APPEND_ONLY)

    def delete(self):
        raise PermissionError(APPEND_ONLY)


class AppendOnlyModel(models.Model):
    """A row that is written once: saving it again or deleting it refuses.

    The audit log and every history table (``audit.history.HistoryEntry``) derive from it;
    give the model an ``AppendOnlyQuerySet`` manager and a read-only admin
    (``audit.admin.ReadOnlyAdminMixin``, ``audit.admin.HistoryInline``) as well.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(APPEND_ONLY)


class AuditEntryQuerySet(AppendOnlyQuerySet):
    def for_object(self, obj) -> "AuditEntryQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEntry(AppendOnlyModel):
    """Who did what to which object in which unit, and when.

    Written explicitly by service functions (never by signals). Entries can be added,
    never changed or deleted: the model, its queryset and the admin all refuse.
    """

    created_at = ClockedDateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept beside the foreign key so the entry still names the actor if the user goes.
    actor_username = models.CharField(_("actor's username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The object history panel: entries of one object, newest first.
            models.Index(
                fields=["object_type", "object_id", "-created_at"], name="audit_entry_object_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    @property
    def action_text(self) -> str:
        """What happened, in the reader's language (the text registered for the code)."""
        from .registry import action_text

        return action_text(self.action)
