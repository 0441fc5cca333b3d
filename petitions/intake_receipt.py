"""The receipt of a case recorded by an officer that went where the officer may not follow
it (issue #13): a denunciation of the ward's own heads is resolved by the city
(:mod:`petitions.services.competence`), so the officer who took it in can no longer open it.
The citizen still gets a receipt with the tracking code; it is kept in the officer's session
(never the denunciator's name) and shown on the intake page, without a link to the case."""

from django.shortcuts import redirect, render
from django.urls import reverse

from .institutions import body_name
from .models import Concern

SESSION_KEY = "petitions_forwarded_receipts"
KEEP = 5  # the last few receipts an officer recorded, for reprinting


def forwarded_redirect(request, concern: Concern):
    """Remember the receipt of ``concern`` (which the officer may not open) and show it."""
    receipts = request.session.get(SESSION_KEY, {})
    origin = concern.origin_unit if concern.origin_unit_id else None
    receipts[concern.tracking_code] = {
        "code": concern.tracking_code,
        "received_at": concern.received_at.isoformat(),
        "body": body_name(concern.unit, concern.addressed_to),
        "origin": origin.name if origin is not None else "",
        "type": concern.get_type_display(),
        "channel": concern.get_channel_display(),
        "ack_due_at": concern.ack_due_at.isoformat() if concern.ack_due_at else "",
    }
    request.session[SESSION_KEY] = dict(list(receipts.items())[-KEEP:])
    return redirect(reverse("petitions:intake") + "?" + f"forwarded={concern.tracking_code}")


def forwarded_page(request):
    """The receipt page of a forwarded case, or None when the request asks for none."""
    code = request.GET.get("forwarded", "")
    receipt = request.session.get(SESSION_KEY, {}).get(code) if code else None
    if receipt is None:
        return None
    from datetime import date, datetime

    receipt = {
        **receipt,
        # Aware: the template's date filter shows it in the portal's time zone.
        "received_at": datetime.fromisoformat(receipt["received_at"]),
        "ack_due_at": date.fromisoformat(receipt["ack_due_at"]) if receipt["ack_due_at"] else None,
    }
    return render(request, "petitions/staff/intake_forwarded.html", {"receipt": receipt})
