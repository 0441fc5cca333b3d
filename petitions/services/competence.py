"""Who is competent to resolve a denunciation (Luật Tố cáo năm 2018 Điều 13, 14; Quy định
22-QĐ/TW on the Party's inspection committees).

A denunciation of a unit's Bí thư, Chủ tịch UBND or one of their deputies is resolved at the
level above: the case belongs to the parent unit (``unit``, the city for a ward), is
addressed to the body of the accused's superior (the Thành ủy for a Party head, the UBND
Thành phố for a state head), and keeps the ward it is about in ``origin_unit``. Every list
of the ward filters by ``unit``, so the person denounced never sees it. A denunciation of
a Party member's conduct goes to the Party's inspection committee (Ủy ban Kiểm tra).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from units.models import Unit

from ..messages import MSG_UNKNOWN_CHOICE
from ..models import ACCUSED_HEAD_ROLES, AccusedRole, AddressedTo, ConcernType


@dataclass(frozen=True)
class Competence:
    """Where a case is resolved: the unit, the body, and the unit it is about (when it is
    resolved elsewhere)."""

    unit: Unit
    addressed_to: str
    origin_unit: Unit | None = None
    accused_role: str = ""


# The body of the superior of each accused head: a Bí thư answers to the Party committee
# above, a Chủ tịch to the People's Committee above.
SUPERIOR_BODY = {
    AccusedRole.PARTY_HEAD: AddressedTo.PARTY,
    AccusedRole.STATE_HEAD: AddressedTo.STATE,
}


def check_accused_role(value: str) -> None:
    if value not in AccusedRole.values:
        raise ValidationError(MSG_UNKNOWN_CHOICE, code="invalid_choice", params={"value": value})


def competence_for(
    *, unit: Unit, type: str, addressed_to: str, accused_role: str = ""
) -> Competence:
    """Where a case of ``type`` about ``unit`` is resolved.

    Not a denunciation: where it was sent. A denunciation of the unit's heads: the parent
    unit (when there is one; the city's own heads stay at the city, the highest level the
    portal knows), the superior's body. A Party member's conduct: the inspection
    committee of the unit.
    """
    if type != ConcernType.DENUNCIATION:
        return Competence(unit=unit, addressed_to=addressed_to)
    check_accused_role(accused_role or "")
    if accused_role in ACCUSED_HEAD_ROLES:
        body = SUPERIOR_BODY[accused_role]
        parent = unit.parent if unit.parent_id else None
        if parent is not None and parent.is_active:
            return Competence(
                unit=parent, addressed_to=body, origin_unit=unit, accused_role=accused_role
            )
        return Competence(unit=unit, addressed_to=body, accused_role=accused_role)
    if accused_role == AccusedRole.PARTY_MEMBER:
        return Competence(unit=unit, addressed_to=AddressedTo.INSPECTION, accused_role=accused_role)
    return Competence(unit=unit, addressed_to=addressed_to, accused_role=accused_role or "")


def about_unit(concern) -> Unit:
    """The unit a case is about: its origin when it is resolved at the level above."""
    return concern.origin_unit if concern.origin_unit_id else concern.unit
