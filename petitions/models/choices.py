"""The choices and state groups of a concern (no tables here)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sessions.models import MassOrganisation
from units.models import Rank


class ConcernState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("concern state", "Received")
    ACCEPTED = "accepted", _("Accepted and classified")
    ASSIGNED = "assigned", _("Assigned for handling")
    ANSWERED = "answered", _("Answered")
    FOLLOWING_UP = "following_up", _("Following up")
    CLOSED = "closed", _("Closed")
    REFERRED = "referred", _("Referred to another body")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another concern")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the unit still owes the citizen something.
OPEN_STATES = (ConcernState.RECEIVED, ConcernState.ACCEPTED, ConcernState.ASSIGNED)
# States with an answer out.
ANSWERED_STATES = (ConcernState.ANSWERED, ConcernState.FOLLOWING_UP, ConcernState.CLOSED)
# States after which nothing more happens to the concern.
FINAL_STATES = (
    ConcernState.CLOSED,
    ConcernState.REFERRED,
    ConcernState.DECLINED,
    ConcernState.MERGED,
    ConcernState.WITHDRAWN,
)
# States that end the concern without an answer of the unit's own.
EXIT_STATES = (
    ConcernState.REFERRED,
    ConcernState.DECLINED,
    ConcernState.MERGED,
    ConcernState.WITHDRAWN,
)


class AddressedTo(models.TextChoices):
    """The institution of the unit a concern is addressed to (units.models.Institution)."""

    STATE = "state", _("People's Committee")
    PARTY = "party", _("Party committee")
    # Denunciations about the conduct of Party members (Ủy ban Kiểm tra).
    INSPECTION = "inspection", _("Inspection committee of the Party committee")


# The ranks that may approve an answer (units.models.Rank without the officer): the head
# signs on the body's behalf, a deputy "KT.", the office head "TL.".
SIGNER_RANKS = [(rank.value, rank.label) for rank in (Rank.HEAD, Rank.DEPUTY, Rank.OFFICE_HEAD)]


class ConcernChannel(models.TextChoices):
    WEB = "web", _("Public web form")
    SESSION = "session", _("Raised at a dialogue session")
    ORGANISATION = "organisation", _("Feedback from an organisation (QĐ 936)")
    WALK_IN = "walk_in", _("Walk-in at the office")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    REFERRAL = "referral", _("Referred by another unit")


# Channels an officer records at the office (staff intake form).
INTAKE_CHANNELS = (ConcernChannel.WALK_IN, ConcernChannel.PHONE, ConcernChannel.LETTER)


class ConcernType(models.TextChoices):
    REPORT = "report", _("Report (phản ánh)")
    RECOMMENDATION = "recommendation", _("Recommendation (kiến nghị)")
    FEEDBACK = "feedback", _("Feedback on Party and government building (góp ý)")
    COMPLAINT = "complaint", _("Complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("Denunciation (tố cáo)")

    @classmethod
    def requires_identity(cls, value: str) -> bool:
        """Complaints and denunciations are not accepted anonymously (Luật Khiếu nại, Luật Tố cáo)."""
        return value in (cls.COMPLAINT, cls.DENUNCIATION)


IDENTITY_TYPES = (ConcernType.COMPLAINT, ConcernType.DENUNCIATION)

# The law each statutory type follows, as refusals and documents cite it.
LAW_OF_TYPE = {
    ConcernType.COMPLAINT: "Luật Khiếu nại năm 2011",
    ConcernType.DENUNCIATION: "Luật Tố cáo năm 2018",
}


# The organisation on whose behalf 936 feedback is sent: one of the mass organisations.
Organisation = MassOrganisation


class AnswerVerdict(models.TextChoices):
    """How a 936 feedback answer takes the feedback on board."""

    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class CitizenVerdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted the answer")
    DISPUTED = "disputed", _("Disputed the answer")


class AnswerStatus(models.TextChoices):
    NONE = "", _("No answer yet")
    # A context of its own: a session's "Draft" is a plan (dự kiến), an answer's a text (dự thảo).
    DRAFT = "draft", pgettext_lazy("answer status", "Draft")
    PENDING = "pending", _("Waiting for the head's approval")
    RETURNED = "returned", _("Returned for rework")
    PUBLISHED = "published", _("Published")


class DeclineReason(models.TextChoices):
    """Grounds on which a unit may decline to handle a concern (không thụ lý)."""

    NO_IDENTITY = "no_identity", _("Complaint or denunciation without the submitter's identity")
    ALREADY_RESOLVED = (
        "already_resolved",
        _("Already settled by a final answer or decision, with no new facts"),
    )
    OUT_OF_TIME = "out_of_time", _("Filed after the time limit the law sets")
    BEFORE_COURT = "before_court", _("The matter is before a court or has been judged")
    UNCLEAR = "unclear", _("Content cannot be understood and the submitter cannot be reached")
    NO_REQUEST = "no_request", _("Contains no request or report (abusive or meaningless)")


class ComplaintFinding(models.TextChoices):
    """What a complaint decision finds (Luật Khiếu nại năm 2011 Điều 31)."""

    RIGHT = "right", _("The complaint is right")
    PARTLY_RIGHT = "partly_right", _("The complaint is partly right")
    WRONG = "wrong", _("The complaint is wrong")


class AccusedRole(models.TextChoices):
    """Whom a denunciation is about: it decides who may resolve it (Luật Tố cáo năm 2018
    Điều 13, 14) and that the person denounced never sees it."""

    NONE = "", _("Not stated")
    PARTY_HEAD = "party_head", _("The Party committee secretary or a deputy secretary of the unit")
    STATE_HEAD = "state_head", _("The People's Committee chair or a vice-chair of the unit")
    OFFICIAL = "official", _("Another official or civil servant of the unit")
    PARTY_MEMBER = "party_member", _("A Party member, about their conduct as a Party member")
    OTHER = "other", _("Another organisation or person")


# Denunciations of these people are resolved at the level above the unit.
ACCUSED_HEAD_ROLES = (AccusedRole.PARTY_HEAD, AccusedRole.STATE_HEAD)


class ConcernDocumentKind(models.TextChoices):
    """The documents the statutory procedures issue (Luật Khiếu nại năm 2011, Luật Tố cáo
    năm 2018, Nghị định 124/2020/NĐ-CP, Nghị định 31/2019/NĐ-CP)."""

    COMPLAINT_ACCEPTANCE = "complaint_acceptance", _("Notice of acceptance of a complaint")
    COMPLAINT_REFUSAL = "complaint_refusal", _("Notice of refusal to accept a complaint")
    DIALOGUE_RECORD = "dialogue_record", _("Record of the dialogue with the complainant")
    COMPLAINT_DECISION = "complaint_decision", _("Decision resolving a complaint")
    DENUNCIATION_ACCEPTANCE = "denunciation_acceptance", _("Decision to accept a denunciation")
    DENUNCIATION_REFUSAL = "denunciation_refusal", _("Notice of refusal to accept a denunciation")
    DENUNCIATION_TRANSFER = "denunciation_transfer", _("Transfer of a denunciation")
    EXTENSION_DECISION = (
        "extension_decision",
        _("Decision extending the resolution of a denunciation"),
    )
    SUSPENSION_DECISION = "suspension_decision", _("Decision suspending the resolution")
    RESUMPTION_DECISION = "resumption_decision", _("Decision resuming the resolution")
    TERMINATION_DECISION = "termination_decision", _("Decision ending the resolution")
    DENUNCIATION_CONCLUSION = "denunciation_conclusion", _("Conclusion on a denunciation")
