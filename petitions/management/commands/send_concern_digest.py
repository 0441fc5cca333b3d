"""Daily digest per unit: concerns due within a week and overdue ones (cron it once a day).

Each body of the unit gets its own mail: the people of the UBND office the concerns
addressed to the People's Committee, the Party office those addressed to the Party
committee. Each (unit, day) is recorded in ``DigestSent`` before the mails go out, under a
unique constraint, so a second run the same day (or two runs at once) sends nothing twice.
"""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from audit.services import audit_record
from petitions import clocks, notifications
from petitions.institutions import body_name
from petitions.models import AddressedTo, Concern, DigestSent
from units.models import Membership, Unit
from units.permissions import Capability, roles_with


class Command(BaseCommand):
    help = "E-mail each unit's handling staff the concerns due soon and overdue (once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        today = date.fromisoformat(options["date"]) if options.get("date") else clocks.today()
        start, end = clocks.due_soon_range(today)
        open_concerns = Concern.objects.open().select_related("unit", "assignee__person")
        overdue = {}
        for concern in open_concerns.overdue(today).order_by("due_at", "ack_due_at", "id"):
            overdue.setdefault(concern.unit_id, []).append(concern)
        due_soon = {}
        for concern in (
            open_concerns.due_between(start, end)
            .filter(paused_since__isnull=True)
            .order_by("due_at", "ack_due_at", "id")
        ):
            due_soon.setdefault(concern.unit_id, []).append(concern)
        sent = skipped = 0
        for unit in Unit.objects.filter(pk__in={*overdue, *due_soon}).order_by("path"):
            mails = self._mails(unit, overdue.get(unit.pk, []), due_soon.get(unit.pk, []))
            recipients = sorted({address for mail in mails for address in mail["recipients"]})
            if not recipients:
                continue
            try:
                with transaction.atomic():
                    DigestSent.objects.create(
                        unit=unit,
                        digest_date=today,
                        recipients=len(recipients),
                        due_soon=len(due_soon.get(unit.pk, [])),
                        overdue=len(overdue.get(unit.pk, [])),
                    )
                    audit_record(
                        actor=None,
                        action="concern.digest_sent",
                        unit=unit,
                        data={"date": str(today), "recipients": len(recipients)},
                    )
                    for mail in mails:
                        transaction.on_commit(
                            lambda unit=unit, mail=mail: notifications.send_digest(
                                unit=unit, today=today, **mail
                            )
                        )
            except IntegrityError:
                skipped += 1
                continue
            sent += 1
        self.stdout.write(f"Digests sent: {sent}; already sent today: {skipped}.")

    @staticmethod
    def _mails(unit, overdue: list, due_soon: list) -> list[dict]:
        """One mail per body of the unit with something due: its own concerns, to its own
        people (who handle concerns for it)."""
        mails = []
        for body in AddressedTo.values:
            recipients = sorted(
                {
                    m.user.email
                    for m in Membership.objects.filter(
                        unit=unit,
                        role__in=roles_with(Capability.HANDLE_CONCERNS, body),
                        is_active=True,
                        user__is_active=True,
                    ).select_related("user")
                    if m.user.email
                }
            )
            late = [c for c in overdue if c.addressed_to == body]
            soon = [c for c in due_soon if c.addressed_to == body]
            if recipients and (late or soon):
                mails.append(
                    {
                        "recipients": recipients,
                        "overdue": late,
                        "due_soon": soon,
                        "body": body_name(unit, body),
                    }
                )
        return mails
