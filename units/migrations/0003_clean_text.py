"""Unit names and positions without control characters (see ``dialogue_portal.lib.text``)."""

from django.db import migrations

from dialogue_portal.lib.stored_text import clean_stored_text


def clean_text(apps, schema_editor):
    alias = schema_editor.connection.alias
    clean_stored_text(apps.get_model("units", "Unit"), using=alias, folded=("search_name",))
    clean_stored_text(apps.get_model("units", "Membership"), using=alias)


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_time_stamps_follow_the_clock"),
    ]

    operations = [
        migrations.RunPython(clean_text, migrations.RunPython.noop),
    ]
