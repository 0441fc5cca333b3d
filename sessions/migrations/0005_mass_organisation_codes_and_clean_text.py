"""One list of mass organisations (``MassOrganisation``, the codes concerns already used) and
free text without control characters (see ``dialogue_portal.lib.text``)."""

from django.db import migrations

from dialogue_portal.lib.stored_text import clean_stored_text

# Codes of a session's co-organisers before the one list of mass organisations.
OLD_TO_NEW = {
    "trade_union": "cong_doan",
    "youth_union": "doan_thanh_nien",
    "women_union": "hoi_phu_nu",
    "farmers_union": "hoi_nong_dan",
    "veterans": "hoi_cuu_chien_binh",
}
NEW_TO_OLD = {new: old for old, new in OLD_TO_NEW.items()}


def _recode(apps, schema_editor, mapping: dict[str, str]) -> None:
    DialogueSession = apps.get_model("dialogue_sessions", "DialogueSession")
    sessions = DialogueSession._base_manager.using(schema_editor.connection.alias)
    changed = []
    for session in sessions.only("pk", "co_organisers").order_by("pk").iterator(chunk_size=2000):
        codes = session.co_organisers or []
        recoded = [mapping.get(code, code) for code in codes]
        if recoded != codes:
            session.co_organisers = recoded
            changed.append(session)
    sessions.bulk_update(changed, ["co_organisers"], batch_size=500)


def new_codes(apps, schema_editor):
    _recode(apps, schema_editor, OLD_TO_NEW)


def old_codes(apps, schema_editor):
    _recode(apps, schema_editor, NEW_TO_OLD)


def clean_text(apps, schema_editor):
    alias = schema_editor.connection.alias
    clean_stored_text(
        apps.get_model("dialogue_sessions", "DialogueSession"), using=alias, folded=("search_text",)
    )
    for name in ("SessionTransition", "SessionAttachment", "FrequencyRule", "TimingRule"):
        clean_stored_text(apps.get_model("dialogue_sessions", name), using=alias)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue_sessions", "0004_time_stamps_follow_the_clock"),
    ]

    operations = [
        migrations.RunPython(new_codes, old_codes),
        migrations.RunPython(clean_text, migrations.RunPython.noop),
    ]
