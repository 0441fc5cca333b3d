import pytest
from django.db import IntegrityError

from tests.factories import make_member, make_unit
from units.models import Institution, Membership, Role, Unit
from units.permissions import Capability, has_capability, roles_with, units_for, visible_units

pytestmark = pytest.mark.django_db


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


def test_officer_of_ward_a_sees_nothing_of_ward_b(officer_a, ward_a, ward_b):
    assert codes(visible_units(officer_a)) == {ward_a.code}
    for capability in Capability:
        assert ward_b.code not in codes(units_for(officer_a, capability))
        assert not has_capability(officer_a, capability, ward_b)


def test_reviewer_sees_the_whole_city_but_acts_on_nothing(reviewer, city, ward_a, ward_b):
    assert codes(visible_units(reviewer)) == {city.code, ward_a.code, ward_b.code}
    assert codes(units_for(reviewer, Capability.VIEW_CONCERNS)) == {
        city.code,
        ward_a.code,
        ward_b.code,
    }
    assert codes(units_for(reviewer, Capability.HANDLE_CONCERNS)) == set()
    assert codes(units_for(reviewer, Capability.MANAGE_SESSIONS)) == set()


def test_reviewer_of_a_district_sees_only_that_subtree(city, ward_b):
    district = make_unit(name="Quận 1", kind=Unit.Kind.DISTRICT, parent=city, code="760")
    old_ward = make_unit(name="Phường Bến Nghé", parent=district, code="26740X")
    user = make_member(district, Role.REVIEWER)

    assert codes(visible_units(user)) == {district.code, old_ward.code}


P, S = Institution.PARTY, Institution.STATE


@pytest.mark.parametrize(
    ("role", "capability", "institution", "expected"),
    [
        # Officers plan and handle for their own institution, never approve or sign.
        (Role.WARD_OFFICER, Capability.MANAGE_SESSIONS, S, True),
        (Role.WARD_OFFICER, Capability.MANAGE_SESSIONS, P, False),
        (Role.WARD_OFFICER, Capability.APPROVE, S, False),
        (Role.WARD_OFFICER, Capability.SIGN_OFF, S, False),
        (Role.WARD_OFFICER, Capability.HANDLE_CONCERNS, S, True),
        (Role.WARD_OFFICER, Capability.HANDLE_CONCERNS, P, False),
        (Role.PARTY_OFFICER, Capability.HANDLE_CONCERNS, P, True),
        (Role.PARTY_OFFICER, Capability.HANDLE_CONCERNS, S, False),
        (Role.PARTY_OFFICER, Capability.SIGN_OFF, P, False),
        # Heads and deputies approve and sign for their own institution only.
        (Role.CHAIR, Capability.APPROVE, S, True),
        (Role.CHAIR, Capability.SIGN_OFF, S, True),
        (Role.CHAIR, Capability.SIGN_OFF, P, False),
        (Role.CHAIR, Capability.APPROVE, P, False),
        (Role.VICE_CHAIR, Capability.SIGN_OFF, S, True),
        (Role.VICE_CHAIR, Capability.SIGN_OFF, P, False),
        (Role.PARTY_SECRETARY, Capability.SIGN_OFF, P, True),
        (Role.PARTY_SECRETARY, Capability.SIGN_OFF, S, False),
        (Role.PARTY_SECRETARY, Capability.APPROVE, S, False),
        (Role.PARTY_DEPUTY, Capability.APPROVE, P, True),
        # Office heads sign "TL." but approve no plan.
        (Role.STATE_OFFICE_HEAD, Capability.SIGN_OFF, S, True),
        (Role.STATE_OFFICE_HEAD, Capability.APPROVE, S, False),
        (Role.PARTY_OFFICE_HEAD, Capability.SIGN_OFF, P, True),
        (Role.PARTY_OFFICE_HEAD, Capability.SIGN_OFF, S, False),
        # Reading is unit-wide, whichever institution.
        (Role.PARTY_SECRETARY, Capability.VIEW_CONCERNS, S, True),
        (Role.WARD_OFFICER, Capability.VIEW_SESSIONS, P, True),
        # The Thường trực HĐND sees sessions, nothing else.
        (Role.COUNCIL_STANDING, Capability.VIEW_SESSIONS, None, True),
        (Role.COUNCIL_STANDING, Capability.VIEW_CONCERNS, None, False),
        (Role.COUNCIL_STANDING, Capability.MANAGE_SESSIONS, S, False),
        (Role.MTTQ_LIAISON, Capability.SUBMIT_FEEDBACK, None, True),
        (Role.MTTQ_LIAISON, Capability.VIEW_SESSIONS, None, True),
        (Role.MTTQ_LIAISON, Capability.VIEW_CONCERNS, None, False),
        (Role.MTTQ_LIAISON, Capability.HANDLE_CONCERNS, None, False),
        (Role.REVIEWER, Capability.RETURN_FOR_REWORK, None, True),
        (Role.REVIEWER, Capability.APPROVE, None, False),
    ],
)
def test_role_capabilities_in_own_unit_and_institution(
    ward_a, role, capability, institution, expected
):
    user = make_member(ward_a, role)
    assert has_capability(user, capability, ward_a, institution=institution) is expected


def test_roles_with_a_capability_are_those_of_the_institution():
    assert set(roles_with(Capability.SIGN_OFF, Institution.PARTY)) == {
        Role.PARTY_SECRETARY,
        Role.PARTY_DEPUTY,
        Role.PARTY_OFFICE_HEAD,
    }
    assert set(roles_with(Capability.APPROVE, Institution.STATE)) == {
        Role.CHAIR,
        Role.VICE_CHAIR,
    }


def test_one_person_can_hold_several_roles(ward_a, ward_b):
    user = make_member(ward_a, Role.WARD_OFFICER)
    Membership.objects.create(user=user, unit=ward_b, role=Role.MTTQ_LIAISON)

    assert codes(units_for(user, Capability.HANDLE_CONCERNS)) == {ward_a.code}
    assert codes(units_for(user, Capability.SUBMIT_FEEDBACK)) == {ward_b.code}
    assert codes(visible_units(user)) == {ward_a.code, ward_b.code}


def test_inactive_membership_and_inactive_user_see_nothing(ward_a):
    user = make_member(ward_a, Role.WARD_OFFICER)
    Membership.objects.filter(user=user).update(is_active=False)
    assert codes(visible_units(user)) == set()

    other = make_member(ward_a, Role.WARD_OFFICER, is_active=False)
    assert codes(visible_units(other)) == set()


def test_administrator_sees_every_unit(admin_user, ward_a, ward_b):
    assert codes(units_for(admin_user, Capability.APPROVE)) >= {ward_a.code, ward_b.code}


def test_database_refuses_a_duplicate_membership(officer_a, ward_a):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=officer_a, unit=ward_a, role=Role.WARD_OFFICER)


def test_database_refuses_an_unknown_role(officer_a, ward_b):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=officer_a, unit=ward_b, role="emperor")


def test_database_refuses_unknown_unit_kind(city):
    with pytest.raises(IntegrityError):
        Unit.objects.create(code="X1", name="Nowhere", kind="galaxy", parent=city)
