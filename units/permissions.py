"""Who may see and do what, in which units.

Every staff list and lookup in the portal goes through :func:`units_for`: it answers
"which units may this user see" (``Capability.VIEW_*``) and "which may they act on"
(the other capabilities). Reviewers' capabilities reach their unit's whole subtree;
every other role's stays in its own unit. Administrators (superusers) reach everything.
"""

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404

from .models import ROLE_INSTITUTION, Institution, Membership, Role, Unit


class Capability(StrEnum):
    VIEW_SESSIONS = "view_sessions"
    MANAGE_SESSIONS = "manage_sessions"
    APPROVE = "approve"
    VIEW_CONCERNS = "view_concerns"
    HANDLE_CONCERNS = "handle_concerns"
    SIGN_OFF = "sign_off"
    SUBMIT_FEEDBACK = "submit_feedback"
    VIEW_DASHBOARDS = "view_dashboards"
    RETURN_FOR_REWORK = "return_for_rework"


_READ = frozenset({Capability.VIEW_SESSIONS, Capability.VIEW_CONCERNS, Capability.VIEW_DASHBOARDS})
_OFFICER = _READ | {Capability.MANAGE_SESSIONS, Capability.HANDLE_CONCERNS}
_OFFICE_HEAD = _OFFICER | {Capability.SIGN_OFF}
_LEADER = _OFFICE_HEAD | {Capability.APPROVE}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    # Party committee: Bí thư, Phó Bí thư, the head and officers of its office.
    Role.PARTY_SECRETARY: _LEADER,
    Role.PARTY_DEPUTY: _LEADER,
    Role.PARTY_OFFICE_HEAD: _OFFICE_HEAD,
    Role.PARTY_OFFICER: _OFFICER,
    # People's Committee: Chủ tịch, Phó Chủ tịch, the office of HĐND and UBND.
    Role.CHAIR: _LEADER,
    Role.VICE_CHAIR: _LEADER,
    Role.STATE_OFFICE_HEAD: _OFFICE_HEAD,
    Role.WARD_OFFICER: _OFFICER,
    # The Thường trực HĐND co-chairs the conference and sees its records.
    Role.COUNCIL_STANDING: frozenset({Capability.VIEW_SESSIONS}),
    Role.REVIEWER: _READ | {Capability.RETURN_FOR_REWORK},
    Role.MTTQ_LIAISON: frozenset({Capability.VIEW_SESSIONS, Capability.SUBMIT_FEEDBACK}),
    # The inspection committee handles and concludes the denunciations addressed to it
    # (conduct of Party members) and sees the unit's concerns; it plans no sessions.
    Role.INSPECTION_CHAIR: frozenset(
        {Capability.VIEW_CONCERNS, Capability.HANDLE_CONCERNS, Capability.SIGN_OFF}
    ),
    Role.INSPECTION_MEMBER: frozenset({Capability.VIEW_CONCERNS, Capability.HANDLE_CONCERNS}),
}

# Capabilities that act for one institution: a Party officer plans the Party's sessions and
# handles what is addressed to the Party committee, a Chủ tịch signs for the UBND only.
# Reading is unit-wide.
INSTITUTION_BOUND = frozenset(
    {
        Capability.MANAGE_SESSIONS,
        Capability.APPROVE,
        Capability.HANDLE_CONCERNS,
        Capability.SIGN_OFF,
    }
)


def roles_with(capability: Capability, institution: str | None = None) -> tuple[str, ...]:
    """The roles that give ``capability`` (for ``institution``'s work, when given): whom to
    notify, whom a concern may be assigned to."""
    return tuple(
        role
        for role, capabilities in ROLE_CAPABILITIES.items()
        if capability in capabilities
        and (
            institution is None
            or capability not in INSTITUTION_BOUND
            or ROLE_INSTITUTION.get(role) == institution
        )
    )


# Roles whose reach extends to every unit below theirs.
SUBTREE_ROLES = frozenset({Role.REVIEWER})


def _active_memberships(user) -> list[Membership]:
    """The user's active memberships, fetched once per request and cached on the user."""
    cached = getattr(user, "_active_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user, is_active=True).select_related("unit"))
        user._active_memberships_cache = cached
    return cached


def roles_for(user) -> set[str]:
    """Every role the user holds somewhere."""
    if not user.is_authenticated:
        return set()
    return {m.role for m in _active_memberships(user)}


def _reach(user, capability: Capability | None) -> QuerySet[Unit]:
    """Units reached by the user's memberships that grant ``capability`` (any, if None)."""
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    condition = Q(pk__in=[])
    for membership in _active_memberships(user):
        if capability is not None and capability not in ROLE_CAPABILITIES.get(membership.role, ()):
            continue
        if membership.role in SUBTREE_ROLES:
            condition |= Q(path__startswith=membership.unit.path)
        else:
            condition |= Q(pk=membership.unit_id)
    return Unit.objects.filter(condition)


def units_for(user, capability: Capability) -> QuerySet[Unit]:
    """The units in which ``user`` has ``capability``."""
    return _reach(user, capability)


def visible_units(user) -> QuerySet[Unit]:
    """Every unit the user may see anything of."""
    return _reach(user, None)


def _grants(membership: Membership, capability: Capability, institution: str | None) -> bool:
    """Whether the membership's role gives ``capability`` for ``institution``'s work.

    ``institution`` None asks "for any institution"; reading is never bound to one.
    """
    if capability not in ROLE_CAPABILITIES.get(membership.role, ()):
        return False
    if institution is None or capability not in INSTITUTION_BOUND:
        return True
    return ROLE_INSTITUTION.get(membership.role) == institution


def has_capability(
    user,
    capability: Capability,
    unit: Unit | int | None = None,
    *,
    institution: str | None = None,
) -> bool:
    """Whether ``user`` has ``capability`` in ``unit`` (or in any unit when None), for the
    work of ``institution`` (the Party committee or the UBND; None: for either)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if unit is None:
        return any(_grants(m, capability, institution) for m in _active_memberships(user))
    unit_obj = unit if isinstance(unit, Unit) else Unit.objects.only("path").get(pk=unit)
    for membership in _active_memberships(user):
        if not _grants(membership, capability, institution):
            continue
        if membership.unit_id == unit_obj.pk:
            return True
        if membership.role in SUBTREE_ROLES and unit_obj.path.startswith(membership.unit.path):
            return True
    return False


def get_in_scope(
    queryset: QuerySet, user, capability: Capability, *, unit_field: str = "unit", **lookup
):
    """Fetch one object of ``queryset`` whose unit the user has ``capability`` in, or 404.

    Objects outside the user's units do not exist for them: the answer is 404, never 403.
    """
    scoped = queryset.filter(**{f"{unit_field}__in": units_for(user, capability)})
    try:
        return scoped.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require_capability(
    user, capability: Capability, unit: Unit | int, *, institution: str | None = None
) -> None:
    """Raise PermissionDenied (403) when the user, who can see ``unit``, may not act there."""
    from django.core.exceptions import PermissionDenied

    if not has_capability(user, capability, unit, institution=institution):
        raise PermissionDenied


def institutions_for(user, capability: Capability, unit: Unit | int) -> set[str]:
    """The institutions whose work ``user`` may do with ``capability`` in ``unit``: the
    defaults of the forms (a Party officer's new session is the Party's)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    if user.is_superuser:
        return {Institution.PARTY, Institution.STATE}
    return {
        ROLE_INSTITUTION[m.role]
        for m in _active_memberships(user)
        if m.unit_id == unit_id
        and capability in ROLE_CAPABILITIES.get(m.role, ())
        and ROLE_INSTITUTION.get(m.role) in (Institution.PARTY, Institution.STATE)
    }
