"""Concerns (ý kiến, phản ánh, kiến nghị, góp ý, khiếu nại, tố cáo) and their handling.

One queue from every channel. Every state change goes through one service function in
``petitions.services`` and leaves a :class:`ConcernTransition` row; the numbers that
decide the clocks live in the admin-editable :class:`ConcernRule` (domain.md §6).
"""

from .choices import (
    ANSWERED_STATES,
    EXIT_STATES,
    FINAL_STATES,
    IDENTITY_TYPES,
    INTAKE_CHANNELS,
    OPEN_STATES,
    SIGNER_RANKS,
    AddressedTo,
    AnswerStatus,
    AnswerVerdict,
    CitizenVerdict,
    ConcernChannel,
    ConcernState,
    ConcernType,
    DeclineReason,
    Organisation,
)
from .concern import (
    Category,
    Concern,
    ConcernQuerySet,
    ConcernRule,
)
from .records import (
    AnswerTemplate,
    ConcernAttachment,
    ConcernNote,
    ConcernTransition,
    DigestSent,
    Extension,
    ExtensionStatus,
    FollowUpCommitment,
    Pause,
    TransitionAction,
)

__all__ = [
    "AddressedTo",
    "ConcernState",
    "ConcernChannel",
    "ConcernType",
    "Organisation",
    "AnswerVerdict",
    "CitizenVerdict",
    "AnswerStatus",
    "DeclineReason",
    "OPEN_STATES",
    "ANSWERED_STATES",
    "FINAL_STATES",
    "EXIT_STATES",
    "INTAKE_CHANNELS",
    "IDENTITY_TYPES",
    "SIGNER_RANKS",
    "Category",
    "ConcernRule",
    "ConcernQuerySet",
    "Concern",
    "TransitionAction",
    "ConcernTransition",
    "ConcernNote",
    "FollowUpCommitment",
    "ConcernAttachment",
    "ExtensionStatus",
    "Extension",
    "Pause",
    "AnswerTemplate",
    "DigestSent",
]
