# Issue #13, "identity": the history of a case whose type changed (reclassified).

from django.db import migrations, models

ACTIONS = [
    ("submitted", "Received"),
    ("accepted", "Accepted and classified"),
    ("assigned", "Assigned"),
    ("referred", "Referred"),
    ("body_transferred", "Passed to the other body of the unit"),
    ("declined", "Declined"),
    ("merged", "Merged"),
    ("withdrawn", "Withdrawn"),
    ("answer_submitted", "Answer submitted for approval"),
    ("answer_returned", "Answer returned for rework"),
    ("answer_approved", "Answer approved"),
    ("answered", "Answer published"),
    ("citizen_accepted", "The citizen accepted the answer"),
    ("disputed", "The citizen disputed the answer"),
    ("follow_up", "Follow-up started"),
    ("commitment_done", "Commitment done"),
    ("closed", "Closed"),
    ("extension_requested", "Extension requested"),
    ("extension_approved", "Extension approved"),
    ("extension_refused", "Extension refused"),
    ("paused", "Paused, waiting for the citizen"),
    ("resumed", "Resumed"),
    ("anonymised", "Personal data removed"),
    ("reconsideration_requested", "Reconsideration requested"),
    ("reconsideration_upheld", "Reconsidered: the answer is kept"),
    ("reconsideration_revising", "Reconsidered: a new answer will be issued"),
    ("reclassified", "Type of the case changed"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0016_statutory_procedures"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="concerntransition",
            name="petitions_concerntransition_action_valid",
        ),
        migrations.AlterField(
            model_name="concerntransition",
            name="action",
            field=models.CharField(choices=ACTIONS, max_length=30, verbose_name="action"),
        ),
        migrations.AddConstraint(
            model_name="concerntransition",
            constraint=models.CheckConstraint(
                condition=models.Q(("action__in", [value for value, _label in ACTIONS])),
                name="petitions_concerntransition_action_valid",
            ),
        ),
    ]
