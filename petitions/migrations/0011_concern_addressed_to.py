"""A concern is addressed to one institution of its unit: the UBND (every concern so far)
or the Party committee. That institution handles, answers and signs it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_rule_bases_in_vietnamese"),
    ]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="addressed_to",
            field=models.CharField(
                choices=[("state", "People's Committee"), ("party", "Party committee")],
                default="state",
                help_text=(
                    "The institution that handles, answers and signs: the People's Committee "
                    "or the Party committee of the unit."
                ),
                max_length=20,
                verbose_name="addressed to",
            ),
        ),
        migrations.AddConstraint(
            model_name="concern",
            constraint=models.CheckConstraint(
                condition=models.Q(("addressed_to__in", ["state", "party"])),
                name="petitions_concern_addressed_to_valid",
            ),
        ),
    ]
