"""Concern history rows take the shape of every history row (``audit.history``): the
person's name kept beside the user (filled for the stored rows, family name first) and
the details of the change."""

from django.db import migrations, models


def _name(user) -> str:
    full = " ".join(p for p in (user.last_name.strip(), user.first_name.strip()) if p)
    return full or user.username


def fill_names(apps, schema_editor):
    ConcernTransition = apps.get_model("petitions", "ConcernTransition")
    rows = ConcernTransition._base_manager.using(schema_editor.connection.alias)
    batch = []
    for row in (
        rows.filter(actor__isnull=False).select_related("actor").order_by("pk").iterator(2000)
    ):
        row.actor_name = _name(row.actor)
        batch.append(row)
        if len(batch) >= 2000:
            rows.bulk_update(batch, ["actor_name"])
            batch = []
    rows.bulk_update(batch, ["actor_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0008_mass_organisation_and_clean_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="concerntransition",
            name="actor_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="by (name)"),
        ),
        migrations.AddField(
            model_name="concerntransition",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.RunPython(fill_names, migrations.RunPython.noop),
    ]
