"""Writing the audit log. Service functions call :func:`audit_record` explicitly."""

from typing import Any

from django.db import models

from .models import AuditEntry

# Keys whose values never reach the log, at any depth.
SECRET_KEYS = ("password", "token", "secret", "otp", "code", "phone", "email")


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: ("[removed]" if any(s in str(key).lower() for s in SECRET_KEYS) else _scrub(item))
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    unit=None,
    data: dict | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry. ``data`` is scrubbed of passwords, tokens, codes and contacts."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        unit=unit,
        ip_address=ip_address,
        data=_scrub(data or {}),
    )
