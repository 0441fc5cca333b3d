"""Concerns name their organisation from the one list of mass organisations
(``sessions.models.MassOrganisation``: the same codes, new labels), and free text loses its
control characters (see ``dialogue_portal.lib.text``)."""

from django.db import migrations, models

from dialogue_portal.lib.stored_text import clean_stored_text

MODELS = (
    "Category",
    "ConcernRule",
    "ConcernTransition",
    "ConcernNote",
    "FollowUpCommitment",
    "ConcernAttachment",
    "Extension",
    "Pause",
    "AnswerTemplate",
)


def clean_text(apps, schema_editor):
    alias = schema_editor.connection.alias
    clean_stored_text(apps.get_model("petitions", "Concern"), using=alias, folded=("search_text",))
    for name in MODELS:
        clean_stored_text(apps.get_model("petitions", name), using=alias)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0007_time_stamps_follow_the_clock"),
    ]

    operations = [
        migrations.AlterField(
            model_name="concern",
            name="organisation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("mttq", "Vietnam Fatherland Front committee (MTTQ)"),
                    ("cong_doan", "Trade union"),
                    ("doan_thanh_nien", "Ho Chi Minh Communist Youth Union"),
                    ("hoi_phu_nu", "Women's Union"),
                    ("hoi_nong_dan", "Farmers' Union"),
                    ("hoi_cuu_chien_binh", "Veterans' Association"),
                ],
                max_length=30,
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(clean_text, migrations.RunPython.noop),
    ]
