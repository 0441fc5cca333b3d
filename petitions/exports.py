"""CSV and XLSX exports of the staff queue (cells made safe and typed by ``lib.exports``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from dialogue_portal.lib.exports import Column, Sheet, csv_response, xlsx_response
from dialogue_portal.lib.people import person_name

from . import clocks, selectors
from .institutions import body_name
from .models import Concern, ConcernType
from .services.identity import record_exposure

# Rows read from the database at a time while an export is written.
CHUNK_SIZE = 1000


def queue_columns() -> list[Column]:
    return [
        Column(_("Tracking code"), 20),
        Column(_("Received"), 17),
        Column(_("Unit"), 28),
        Column(_("Addressed to"), 30),
        Column(_("Channel"), 18),
        Column(_("Type"), 18),
        Column(_("Category"), 24),
        Column(_("State"), 18),
        Column(_("Due"), 12),
        Column(_("Overdue"), 10),
        Column(_("Disputes"), 10),
        Column(_("Handling officer"), 24),
        Column(_("Submitter"), 24),
        Column(_("Phone"), 16),
        Column(_("E-mail"), 28),
        Column(_("Content"), 80),
    ]


def queue_rows(
    user, concerns: Iterable[Concern], *, denunciators: set[int] | None = None
) -> Iterator[list]:
    """One row per concern. Contact details only where the user may see them; a
    denunciator only for those resolving the case (``denunciators``: the ids of the
    denunciations whose submitter ``user`` may see; None: none), else "Đã giữ bí mật".
    Every row that shows a submitter is recorded as a view of them (in bulk, per chunk)."""
    today = clocks.today()
    # The body handling a concern sees its contact details (None: an administrator).
    contact_pairs = selectors.contact_units_for(user)
    denunciators = denunciators or set()

    def rows() -> Iterator[list]:
        shown: list[Concern] = []
        for concern in concerns:
            if concern.type == ConcernType.DENUNCIATION:
                contact = concern.pk in denunciators
                name = concern.submitter_name if contact else selectors.IDENTITY_WITHHELD
            else:
                contact = contact_pairs is None or (concern.unit_id, concern.addressed_to) in (
                    contact_pairs
                )
                name = concern.submitter_name if contact else ""
            if contact:
                shown.append(concern)
                if len(shown) >= CHUNK_SIZE:
                    record_exposure(user, shown, where="export")
                    shown = []
            assignee = concern.assignee
            yield [
                concern.tracking_code,
                concern.received_at,
                concern.unit.name,
                body_name(concern.unit, concern.addressed_to),
                concern.get_channel_display(),
                concern.get_type_display(),
                concern.category.name if concern.category else "",
                concern.get_state_display(),
                concern.current_due,
                concern.is_overdue(today),
                concern.dispute_count,
                person_name(assignee) if assignee else "",
                name,
                concern.submitter_phone if contact else "",
                concern.submitter_email if contact else "",
                concern.content,
            ]
        if shown:
            record_exposure(user, shown, where="export")

    return rows()


def queue_download(
    user, concerns: QuerySet[Concern], *, fmt: str, filename: str
) -> HttpResponse | StreamingHttpResponse:
    """The queue as a streamed CSV (``fmt == "csv"``) or an XLSX workbook."""
    denunciators = set(
        concerns.filter(selectors.denunciators_visible_to(user), type=ConcernType.DENUNCIATION)
        .order_by()
        .values_list("pk", flat=True)
    )
    rows = queue_rows(user, concerns.iterator(chunk_size=CHUNK_SIZE), denunciators=denunciators)
    if fmt == "csv":
        return csv_response(queue_columns(), rows, filename=filename)
    sheet = Sheet(_("Concerns"), queue_columns(), rows)
    return xlsx_response([sheet], filename=filename)
