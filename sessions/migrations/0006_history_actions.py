"""Session history rows get an action code (``SessionAction``); the stored rows get theirs
from the event their details name or the state they reached, and every row whose person
still exists is named family name first (``audit.history.person_name``)."""

from django.db import migrations, models

import dialogue_portal.lib.clock

# Frozen copy of SessionAction.for_change at the time of this migration.
REACHING = {
    "draft": "created",
    "planned": "approved",
    "announced": "announced",
    "postponed": "postponed",
    "cancelled": "cancelled",
    "held": "held",
    "concluded": "conclusions_issued",
    "closed": "closed",
}
ACTIONS = [
    ("created", "Plan drafted"),
    ("submitted", "Submitted for approval"),
    ("approved", "Plan approved"),
    ("announced", "Announced"),
    ("rescheduled", "Rescheduled"),
    ("postponed", "Postponed"),
    ("cancelled", "Cancelled"),
    ("held", "Recorded as held"),
    ("conclusions_issued", "Conclusions issued"),
    ("closed", "Closed"),
]


def _action(from_state: str, to_state: str, data) -> str:
    event = (data or {}).get("event", "") if isinstance(data, dict) else ""
    if event in ("submitted", "rescheduled"):
        return event
    if not from_state:
        return "created"
    return REACHING[to_state]


def _name(user) -> str:
    full = " ".join(p for p in (user.last_name.strip(), user.first_name.strip()) if p)
    return full or user.username


def fill(apps, schema_editor):
    SessionTransition = apps.get_model("dialogue_sessions", "SessionTransition")
    rows = SessionTransition._base_manager.using(schema_editor.connection.alias)
    batch = []
    for row in rows.select_related("actor").order_by("pk").iterator(chunk_size=2000):
        row.action = _action(row.from_state, row.to_state, row.data)
        if row.actor is not None:
            row.actor_name = _name(row.actor)
        batch.append(row)
        if len(batch) >= 2000:
            rows.bulk_update(batch, ["action", "actor_name"])
            batch = []
    rows.bulk_update(batch, ["action", "actor_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue_sessions", "0005_mass_organisation_codes_and_clean_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessiontransition",
            name="action",
            field=models.CharField(
                choices=ACTIONS, default="created", max_length=30, verbose_name="action"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="sessiontransition",
            name="created_at",
            field=models.DateTimeField(default=dialogue_portal.lib.clock.now, verbose_name="time"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="sessiontransition",
            constraint=models.CheckConstraint(
                condition=models.Q(("action__in", [code for code, _label in ACTIONS])),
                name="dialogue_sessions_sessiontransition_action_valid",
            ),
        ),
    ]
