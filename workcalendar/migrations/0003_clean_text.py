"""Days off and worked days named without control characters (see ``dialogue_portal.lib.text``)."""

from django.db import migrations

from dialogue_portal.lib.stored_text import clean_stored_text


def clean_text(apps, schema_editor):
    clean_stored_text(
        apps.get_model("workcalendar", "CalendarDay"), using=schema_editor.connection.alias
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workcalendar", "0002_time_stamps_follow_the_clock"),
    ]

    operations = [
        migrations.RunPython(clean_text, migrations.RunPython.noop),
    ]
