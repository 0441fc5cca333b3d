"""What petitions contributes to other apps' pages (registered in ``AppConfig.ready``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from units.permissions import Capability, has_capability

from .models import FINAL_STATES, Concern, ConcernState, ConcernType, FollowUpCommitment


def staff_panel(request):
    """Staff home: my queue, open, due this week, overdue (only for concern handlers)."""
    if not has_capability(request.user, Capability.VIEW_CONCERNS):
        return None
    from .selectors import staff_panel_counts

    return {"template": "petitions/staff/panel.html", "context": staff_panel_counts(request.user)}


def session_close_guard(session) -> list[str]:
    """A session closes only when every concern raised at it that its unit handles has
    ended (a denunciation of the unit's heads is resolved at the level above and followed
    there)."""
    still_open = (
        Concern.objects.filter(session=session, unit=session.unit_id)
        .exclude(state__in=FINAL_STATES)
        .count()
    )
    if not still_open:
        return []
    return [
        ngettext(
            "%(count)d concern raised at this session is not closed yet.",
            "%(count)d concerns raised at this session are not closed yet.",
            still_open,
        )
        % {"count": still_open}
    ]


def _responsible_body(concern: Concern) -> str:
    """Who answers for it, as an issued document names it: the body, never an officer."""
    if concern.state == ConcernState.REFERRED and concern.referred_to:
        return concern.referred_to
    # The notice's own wording (official Vietnamese whatever the screen's language).
    from sessions.notice import body_name

    return body_name(concern.unit, concern.addressed_to)


def session_commitments(session) -> list:
    """For the conclusions notice: who does what by when, for each opinion taken on board.

    A denunciation is never listed: the notice is public, and what a denunciation says and
    whom it names are kept confidential (Luật Tố cáo năm 2018); it is resolved under its own
    procedure. A concern handled by another unit is listed without a link (the session's
    staff cannot open it)."""
    from sessions.hooks import Commitment

    concerns = (
        Concern.objects.filter(session=session)
        .exclude(state__in=(ConcernState.MERGED, ConcernState.WITHDRAWN))
        .exclude(type=ConcernType.DENUNCIATION)
        .exclude(answered_at_session=True)
        .select_related("unit")
        .order_by("due_at", "id")
    )
    found = []
    for concern in concerns:
        found.append(
            Commitment(
                what=concern.content[:300],
                who=_responsible_body(concern),
                due=concern.due_at,
                state_label=concern.get_state_display(),
                is_done=concern.state in FINAL_STATES,
                url=reverse("petitions:detail", args=[concern.pk])
                if concern.unit_id == session.unit_id
                else None,
            )
        )
    for commitment in (
        FollowUpCommitment.objects.filter(concern__session=session)
        .exclude(concern__type=ConcernType.DENUNCIATION)
        .select_related("concern")
    ):
        found.append(
            Commitment(
                what=commitment.what,
                who=commitment.who,
                due=commitment.due,
                state_label=_("Done") if commitment.is_done else _("In progress"),
                is_done=commitment.is_done,
                url=reverse("petitions:detail", args=[commitment.concern_id])
                if commitment.concern.unit_id == session.unit_id
                else None,
            )
        )
    return found


def invalidate_public_pages_on_change(app_config) -> None:
    """Cached public pages show rules and categories (the form) and, on a session's page,
    the commitments made for concerns raised there: drop them when those change."""
    from dialogue_portal.lib.pagecache import drop_public_pages_when_saved

    drop_public_pages_when_saved(
        *(app_config.get_model(name) for name in ("ConcernRule", "Category", "FollowUpCommitment"))
    )
    drop_public_pages_when_saved(
        app_config.get_model("Concern"), receiver=_invalidate_if_raised_at_session
    )


def _invalidate_if_raised_at_session(sender, instance, **kwargs) -> None:
    if instance.session_id is not None:
        from dialogue_portal.lib.pagecache import invalidate_public_pages

        invalidate_public_pages()
