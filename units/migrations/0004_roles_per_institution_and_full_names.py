"""Two institutions, never one; one "Họ và tên" per person.

- The single "unit head" role becomes the head of the institution the person leads: a
  head whose position names the Party committee (Bí thư) becomes its Bí thư, every other
  head the Chủ tịch UBND. Ward officers stay officers of the office of HĐND and UBND.
- Each account gets one full name, family name first, from Django's last name (family and
  middle names) and first name (given name); the two Django fields are then emptied so
  nothing can build a name in Western order again.
"""

import django.db.migrations.exceptions
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLES = [
    ("party_secretary", "Party committee secretary"),
    ("party_deputy", "Deputy Party committee secretary"),
    ("party_office_head", "Head of the Party committee office"),
    ("party_officer", "Officer of the Party committee office"),
    ("chair", "People's Committee chair"),
    ("vice_chair", "People's Committee vice-chair"),
    ("state_office_head", "Head of the office of the People's Council and People's Committee"),
    ("ward_officer", "Officer of the office of the People's Council and People's Committee"),
    ("council_standing", "Standing member of the People's Council"),
    ("mttq_liaison", "Fatherland Front liaison"),
    ("reviewer", "Committee office reviewer"),
]


def _given_name_first(full_name: str) -> str:
    words = full_name.split()
    return " ".join(words[-1:] + words[:-1])


def split_heads(apps, schema_editor):
    membership = apps.get_model("units", "Membership")
    alias = schema_editor.connection.alias
    for row in membership.objects.using(alias).filter(role="unit_head"):
        position = row.position.casefold()
        row.role = "party_secretary" if "bí thư" in position else "chair"
        row.save(update_fields=["role"])


def join_heads(apps, schema_editor):
    """Back to one "unit head" role, when nothing would be lost: refused when a role of the
    new bodies (Thường trực HĐND) exists or two roles would fold into one row."""
    membership = apps.get_model("units", "Membership")
    alias = schema_editor.connection.alias
    folded = {
        "party_secretary": "unit_head",
        "party_deputy": "unit_head",
        "chair": "unit_head",
        "vice_chair": "unit_head",
        "party_office_head": "ward_officer",
        "party_officer": "ward_officer",
        "state_office_head": "ward_officer",
    }
    rows = list(membership.objects.using(alias).all())
    seen = set()
    for row in rows:
        if row.role == "council_standing":
            raise migrations.exceptions.IrreversibleError(
                "Memberships of the People's Council have no role before this migration."
            )
        key = (row.user_id, row.unit_id, folded.get(row.role, row.role))
        if key in seen:
            raise migrations.exceptions.IrreversibleError(
                "Two roles of one person in one unit would fold into one."
            )
        seen.add(key)
    for row in rows:
        if row.role in folded:
            row.role = folded[row.role]
            row.save(update_fields=["role"])


def full_names(apps, schema_editor):
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    person = apps.get_model("units", "Person")
    alias = schema_editor.connection.alias
    for user in user_model.objects.using(alias).all():
        full = " ".join(" ".join(part.split()) for part in (user.last_name, user.first_name))
        full = " ".join(full.split())
        person.objects.using(alias).update_or_create(
            user_id=user.pk,
            defaults={"full_name": full, "sort_name": _given_name_first(full)},
        )
        if user.first_name or user.last_name:
            user.first_name = ""
            user.last_name = ""
            user.save(update_fields=["first_name", "last_name"])


def split_full_names(apps, schema_editor):
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    person = apps.get_model("units", "Person")
    alias = schema_editor.connection.alias
    for row in person.objects.using(alias).all():
        words = row.full_name.split()
        user_model.objects.using(alias).filter(pk=row.user_id).update(
            first_name=" ".join(words[-1:])[:150], last_name=" ".join(words[:-1])[:150]
        )


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("units", "0003_clean_text"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="membership",
            name="units_membership_role_valid",
        ),
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.CharField(choices=ROLES, max_length=20, verbose_name="role"),
        ),
        migrations.AlterField(
            model_name="membership",
            name="position",
            field=models.CharField(
                blank=True,
                help_text="Official title as written on documents, e.g. Phó Chủ tịch Ủy ban nhân dân.",
                max_length=120,
                verbose_name="position",
            ),
        ),
        migrations.RunPython(split_heads, join_heads),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", [value for value, _label in ROLES])),
                name="units_membership_role_valid",
            ),
        ),
        migrations.CreateModel(
            name="Person",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="person",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "full_name",
                    models.CharField(
                        blank=True,
                        help_text="Family name first, as on the identity card: Nguyễn Văn Hải.",
                        max_length=150,
                        verbose_name="full name",
                    ),
                ),
                ("sort_name", models.CharField(default="", editable=False, max_length=150)),
            ],
            options={
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.RunPython(full_names, split_full_names),
    ]
