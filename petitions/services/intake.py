"""Receiving concerns: from any channel, and opinions raised at a dialogue session."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dialogue_portal.lib import clock
from sessions.models import SessionState
from units.models import Unit

from .. import clocks, notifications
from ..institutions import body_name
from ..messages import (
    MSG_ANSWER_ON_THE_SPOT,
    MSG_CONSENT_REQUIRED,
    MSG_CONTENT_REQUIRED,
    MSG_DUE_IN_PAST,
    MSG_OPINION_DENUNCIATION_REFERRED,
    MSG_OPINION_STATUTORY_NO_ASSIGNEE,
    MSG_OPINION_STATUTORY_ON_THE_SPOT,
    MSG_ORGANISATION_REQUIRED,
    MSG_OUTCOME,
    MSG_REFERRED_TO_REQUIRED,
    MSG_SESSION_NOT_HELD,
    MSG_SESSION_REQUIRED,
    MSG_UNIT_INACTIVE,
)
from ..models import (
    IDENTITY_TYPES,
    INTAKE_CHANNELS,
    AddressedTo,
    Concern,
    ConcernChannel,
    ConcernState,
    ConcernType,
    Organisation,
    TransitionAction,
)
from ._common import (
    _after_commit,
    _apply_assignment,
    _audit,
    _check_assignee,
    _check_body,
    _check_choice,
    _clean_text,
    _create_concern,
    _finish,
    _history,
    _limit,
    _portal_language,
    _publish,
    _require_identity,
    _save,
    _save_attachments,
    _validate_attachments,
)
from .answers import keep_published_version
from .competence import competence_for
from .routing import concern_accept, concern_refer


@_portal_language
@transaction.atomic
def concern_submit(
    *,
    unit: Unit,
    channel: str,
    type: str,
    category,
    content: str,
    address: str = "",
    submitter_name: str = "",
    submitter_phone: str = "",
    submitter_email: str = "",
    submitter_address: str = "",
    consent: bool,
    attachments=(),
    actor=None,
    session=None,
    organisation: str = "",
    ip_address: str | None = None,
    addressed_to: str = AddressedTo.STATE,
    accused_role: str = "",
    accused_name: str = "",
) -> Concern:
    """Receive a concern from any channel, addressed to the People's Committee (the default)
    or the Party committee of ``unit``. The citizen gets a receipt by e-mail on commit.

    A denunciation goes where it may be resolved (:func:`competence.competence_for`): one
    of the unit's heads (``accused_role``) → the level above, a Party member's conduct →
    the inspection committee."""
    _check_choice(channel, ConcernChannel)
    _check_choice(type, ConcernType)
    _check_body(addressed_to)
    if organisation:
        _check_choice(organisation, Organisation)
    if unit is None or not unit.is_active:
        raise ValidationError(MSG_UNIT_INACTIVE, code="unit_inactive")
    where = competence_for(
        unit=unit, type=type, addressed_to=addressed_to, accused_role=accused_role or ""
    )
    accused_name = (
        _clean_text(accused_name, limit=_limit(Concern, "accused_name"))
        if type == ConcernType.DENUNCIATION
        else ""
    )
    content = _clean_text(content, required_message=MSG_CONTENT_REQUIRED)
    address = _clean_text(address, limit=_limit(Concern, "address"))
    submitter_name = _clean_text(submitter_name, limit=_limit(Concern, "submitter_name"))
    submitter_phone = _clean_text(submitter_phone, limit=_limit(Concern, "submitter_phone"))
    submitter_email = _clean_text(submitter_email, limit=_limit(Concern, "submitter_email"))
    submitter_address = _clean_text(submitter_address, limit=_limit(Concern, "submitter_address"))
    personal = any((submitter_name, submitter_phone, submitter_email, submitter_address))
    if not consent and (channel == ConcernChannel.WEB or (personal and channel in INTAKE_CHANNELS)):
        raise ValidationError(MSG_CONSENT_REQUIRED, code="consent_required")
    _require_identity(
        type,
        name=submitter_name,
        phone=submitter_phone,
        email=submitter_email,
        address=submitter_address,
    )
    if channel == ConcernChannel.ORGANISATION and not organisation:
        raise ValidationError(MSG_ORGANISATION_REQUIRED, code="organisation_required")
    if channel == ConcernChannel.SESSION and session is None:
        raise ValidationError(MSG_SESSION_REQUIRED, code="session_required")
    files = _validate_attachments(attachments)

    now = clock.now()
    ack = clocks.acknowledge_due(type, clocks.local_date(now))
    concern = _create_concern(
        unit=where.unit,
        addressed_to=where.addressed_to,
        origin_unit=where.origin_unit,
        accused_role=where.accused_role,
        accused_name=accused_name,
        channel=channel,
        type=type,
        category=category,
        content=content,
        address=address,
        submitter_name=submitter_name,
        submitter_phone=submitter_phone,
        submitter_email=submitter_email,
        submitter_address=submitter_address,
        consent_given_at=now if consent else None,
        session=session,
        organisation=organisation,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        received_at=now,
        ack_due_at=ack.due,
        due_explanation="",
    )
    _save_attachments(concern, files, actor=actor)
    _history(
        concern,
        actor=actor,
        action=TransitionAction.SUBMITTED,
        from_state="",
        note=ack.explanation(),
        is_public=True,
        public_note=_addressed_note(concern),
    )
    _audit(
        actor,
        "submitted",
        concern,
        {
            "channel": channel,
            "type": type,
            "addressed_to": where.addressed_to,
            "attachments": len(files),
            **({"origin_unit": where.origin_unit.pk} if where.origin_unit else {}),
        },
        ip_address=ip_address,
    )
    if concern.submitter_email:
        _after_commit(notifications.send_receipt, concern)
    return concern


def _addressed_note(concern: Concern) -> str:
    """The history says whom the concern was sent to, in words the citizen reads."""
    return gettext("Addressed to %(body)s.") % {
        "body": body_name(concern.unit, concern.addressed_to)
    }


# Opinions are recorded for a session that was held (or whose conclusions are out).
OPINION_ENTRY_STATES = (SessionState.HELD, SessionState.CONCLUDED)


@_portal_language
@transaction.atomic
def concern_record_opinion(
    *,
    session,
    actor,
    raised_by: str,
    content: str,
    category,
    outcome: str,
    answer: str = "",
    assignee_unit=None,
    assignee=None,
    due_at=None,
    referred_to: str = "",
    addressed_to: str | None = None,
    type: str = ConcernType.RECOMMENDATION,
    raised_by_phone: str = "",
    raised_by_address: str = "",
    accused_role: str = "",
    accused_name: str = "",
) -> Concern:
    """Record one opinion raised at a session, with its outcome.

    The opinion is addressed to the body whose session it was (``addressed_to``, default:
    the institution of whoever chaired, :attr:`DialogueSession.issuer_institution`): its
    office follows it up. "answered": answered on the spot, stored and closed. "assigned":
    a concern assigned to ``assignee`` in ``assignee_unit`` (default: the session's unit)
    due ``due_at`` (default: the rule). "referred": sent to ``referred_to``.

    ``type``: phản ánh, kiến nghị (the default), khiếu nại or tố cáo. A khiếu nại or a tố
    cáo needs the speaker's name and a contact (phone or address), is never answered on
    the spot, and is taken in as received ("assigned" without an officer): its head
    accepts it under its law. A tố cáo goes where it may be resolved
    (:func:`competence.competence_for`: the ward's heads denounced → the level above) and
    its speaker is protected like any denunciator.
    """
    addressed_to = addressed_to or session.issuer_institution
    _check_body(addressed_to)
    type_ = type or ConcernType.RECOMMENDATION
    _check_choice(type_, ConcernType)
    statutory = type_ in IDENTITY_TYPES
    if session.state not in OPINION_ENTRY_STATES:
        raise ValidationError(
            MSG_SESSION_NOT_HELD,
            code="wrong_state",
            params={"state": session.get_state_display()},
        )
    if outcome not in ("answered", "assigned", "referred"):
        raise ValidationError(MSG_OUTCOME, code="outcome")
    raised_by = _clean_text(raised_by, limit=_limit(Concern, "submitter_name"))
    content = _clean_text(content, required_message=MSG_CONTENT_REQUIRED)
    answer = _clean_text(answer)
    referred_to = _clean_text(referred_to, limit=_limit(Concern, "referred_to"))
    if outcome == "answered" and not answer:
        raise ValidationError(MSG_ANSWER_ON_THE_SPOT, code="answer_required")
    if outcome == "referred" and not referred_to:
        raise ValidationError(MSG_REFERRED_TO_REQUIRED, code="referred_to_required")
    raised_by_phone = _clean_text(raised_by_phone, limit=_limit(Concern, "submitter_phone"))
    raised_by_address = _clean_text(raised_by_address, limit=_limit(Concern, "submitter_address"))
    if statutory:
        if outcome == "answered":
            raise ValidationError(MSG_OPINION_STATUTORY_ON_THE_SPOT, code="statutory_on_the_spot")
        if type_ == ConcernType.DENUNCIATION and outcome == "referred":
            raise ValidationError(MSG_OPINION_DENUNCIATION_REFERRED, code="denunciation_referred")
        if outcome == "assigned" and assignee is not None:
            raise ValidationError(MSG_OPINION_STATUTORY_NO_ASSIGNEE, code="statutory_assignee")
        _require_identity(
            type_, name=raised_by, phone=raised_by_phone, email="", address=raised_by_address
        )
    elif outcome == "assigned":
        _check_assignee(assignee_unit or session.unit, assignee, addressed_to)
        if due_at is not None and due_at < clocks.today():
            raise ValidationError(MSG_DUE_IN_PAST, code="due_in_past")
    where = competence_for(
        unit=session.unit, type=type_, addressed_to=addressed_to, accused_role=accused_role or ""
    )
    accused_name = (
        _clean_text(accused_name, limit=_limit(Concern, "accused_name"))
        if type_ == ConcernType.DENUNCIATION
        else ""
    )
    now = clock.now()
    concern = _create_concern(
        unit=where.unit,
        addressed_to=where.addressed_to,
        origin_unit=where.origin_unit,
        accused_role=where.accused_role,
        accused_name=accused_name,
        channel=ConcernChannel.SESSION,
        type=type_,
        category=category,
        content=content,
        submitter_name=raised_by,
        submitter_phone=raised_by_phone,
        submitter_address=raised_by_address,
        session=session,
        submitted_by=actor,
        received_at=now,
        ack_due_at=clocks.acknowledge_due(type_, clocks.local_date(now)).due,
    )
    _history(
        concern,
        actor=actor,
        action=TransitionAction.SUBMITTED,
        from_state="",
        note=gettext("Raised at the session “%(topic)s”.") % {"topic": session.topic},
        is_public=True,
        public_note=_addressed_note(concern),
    )
    _audit(
        actor,
        "submitted",
        concern,
        {
            "channel": ConcernChannel.SESSION,
            "session": session.pk,
            "type": type_,
            "addressed_to": where.addressed_to,
            **({"origin_unit": where.origin_unit.pk} if where.origin_unit else {}),
        },
    )
    if statutory and outcome == "assigned":
        # Taken in: the head of the competent body accepts it under its law (a decision or
        # a notice of acceptance), then assigns it.
        return concern
    if outcome == "referred":
        return concern_refer(
            actor=actor,
            concern=concern,
            version=None,
            outside_body=referred_to,
            note_to_citizen=gettext("Referred at the session."),
        )
    concern = concern_accept(
        actor=actor, concern=concern, version=None, type=type_, category=category
    )
    if outcome == "assigned":
        _apply_assignment(
            concern,
            actor=actor,
            unit=assignee_unit or session.unit,
            assignee=assignee,
            due_at=due_at,
            enforce_rule=False,
            note="",
        )
        return concern
    # Answered on the spot: the person who answered handles it (accepted → assigned, as
    # the table's "assign"), the answer is published as given and the concern closes.
    concern.assignee = actor
    concern.assigned_at = now
    concern.state = ConcernState.ASSIGNED
    _save(concern, ["assignee", "assigned_at", "state"])
    _history(
        concern, actor=actor, action=TransitionAction.ASSIGNED, from_state=ConcernState.ACCEPTED
    )
    concern.answer_text = answer
    concern.answer_public_text = answer
    concern.answer_drafted_by = actor
    concern.answered_at_session = True
    _save(
        concern,
        [
            "answer_text",
            "answer_public_text",
            "answer_drafted_by",
            "answered_at_session",
        ],
    )
    _publish(
        concern,
        actor=actor,
        public_note=gettext("Answered on the spot at the session."),
        audit_data={"on_the_spot": True},
    )
    keep_published_version(concern, None)
    _finish(concern, actor=actor, action=TransitionAction.CLOSED)
    return concern


def submit_public_form(data: dict, *, ip_address: str | None = None):
    """What the public form sends (``ConcernSubmitForm.cleaned_data``): a concern, routed
    where it may be resolved, or, for a denunciation sent without a name, anonymous
    information kept for inspection (no tracking code, nothing about the person, no IP
    address). Returns the Concern or the AnonymousInformation."""
    if data.get("anonymous") and data.get("type") == ConcernType.DENUNCIATION:
        from .identity import anonymous_information_receive

        # About the ward's heads: kept by the level above, never read by the person it names.
        where = competence_for(
            unit=data["ward"],
            type=ConcernType.DENUNCIATION,
            addressed_to=data.get("addressed_to") or AddressedTo.STATE,
            accused_role=data.get("accused_role", ""),
        )
        return anonymous_information_receive(
            unit=where.unit,
            content=data["content"],
            subject=data.get("accused_name", ""),
            evidence=data.get("evidence", ""),
            address=data.get("address", ""),
        )
    return concern_submit(
        unit=data["ward"],
        addressed_to=data["addressed_to"],
        channel=ConcernChannel.WEB,
        type=data["type"],
        category=data["category"],
        content=data["content"],
        address=data["address"],
        submitter_name=data["submitter_name"],
        submitter_phone=data["submitter_phone"],
        submitter_email=data["submitter_email"],
        submitter_address=data["submitter_address"],
        consent=data["consent"],
        attachments=data["attachments"],
        ip_address=ip_address,
        accused_role=data.get("accused_role", ""),
        accused_name=data.get("accused_name", ""),
    )
