"""Who approved an answer, as they were at that moment: name, position as documents write it,
and rank in the institution (head, deputy, office head), which decides their authority line."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0011_concern_addressed_to"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="answer_signer_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="approved by (name)"),
        ),
        migrations.AddField(
            model_name="concern",
            name="answer_signer_position",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="position of the approver"
            ),
        ),
        migrations.AddField(
            model_name="concern",
            name="answer_signer_rank",
            field=models.CharField(
                blank=True,
                choices=[
                    ("head", "Head"),
                    ("deputy", "Deputy"),
                    ("office_head", "Head of the office"),
                ],
                max_length=20,
                verbose_name="rank of the approver",
            ),
        ),
        migrations.AddConstraint(
            model_name="concern",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("answer_signer_rank", ""),
                    ("answer_signer_rank__in", ["head", "deputy", "office_head"]),
                    _connector="OR",
                ),
                name="petitions_concern_answer_signer_rank_valid",
            ),
        ),
    ]
