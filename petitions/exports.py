"""CSV and XLSX exports of the staff queue, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return) would
be read as a formula by Excel or LibreOffice: it gets a leading apostrophe.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from . import clocks, selectors
from .models import ConcernType

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def queue_rows(user, concerns) -> list[list[str]]:
    """Header plus one row per concern. Contact details only where the user may see them."""
    today = clocks.today()
    contact_units = selectors.contact_units_for(user)
    rows = [
        [
            _("Tracking code"),
            _("Received"),
            _("Unit"),
            _("Channel"),
            _("Type"),
            _("Category"),
            _("State"),
            _("Due"),
            _("Overdue"),
            _("Disputes"),
            _("Handling officer"),
            _("Submitter"),
            _("Phone"),
            _("E-mail"),
            _("Content"),
        ]
    ]
    for concern in concerns:
        # Denunciations never carry their submitter into an export.
        contact = concern.unit_id in contact_units and concern.type != ConcernType.DENUNCIATION
        assignee = concern.assignee
        rows.append(
            [
                concern.tracking_code,
                timezone.localtime(concern.received_at).strftime("%d/%m/%Y %H:%M"),
                concern.unit.name,
                concern.get_channel_display(),
                concern.get_type_display(),
                concern.category.name if concern.category else "",
                concern.get_state_display(),
                _date(concern.current_due),
                _("yes") if concern.is_overdue(today) else "",
                str(concern.dispute_count),
                (assignee.get_full_name() or assignee.get_username()) if assignee else "",
                concern.submitter_name if contact else "",
                concern.submitter_phone if contact else "",
                concern.submitter_email if contact else "",
                concern.content,
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    # The byte-order mark makes Excel read UTF-8 (Vietnamese) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Concerns")[:31]
    for row in rows:
        # Written as plain strings: openpyxl stores a leading "=" as a formula otherwise.
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
