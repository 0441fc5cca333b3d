import pytest
from django.db import IntegrityError

from tests.factories import make_member, make_unit
from units.models import Membership, Role, Unit
from units.permissions import Capability, has_capability, units_for, visible_units

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


@pytest.mark.parametrize(
    ("role", "capability", "expected"),
    [
        (Role.WARD_OFFICER, Capability.MANAGE_SESSIONS, True),
        (Role.WARD_OFFICER, Capability.APPROVE, False),
        (Role.WARD_OFFICER, Capability.SIGN_OFF, False),
        (Role.WARD_OFFICER, Capability.HANDLE_CONCERNS, True),
        (Role.UNIT_HEAD, Capability.APPROVE, True),
        (Role.UNIT_HEAD, Capability.SIGN_OFF, True),
        (Role.UNIT_HEAD, Capability.HANDLE_CONCERNS, True),
        (Role.MTTQ_LIAISON, Capability.SUBMIT_FEEDBACK, True),
        (Role.MTTQ_LIAISON, Capability.VIEW_SESSIONS, True),
        (Role.MTTQ_LIAISON, Capability.VIEW_CONCERNS, False),
        (Role.MTTQ_LIAISON, Capability.HANDLE_CONCERNS, False),
        (Role.REVIEWER, Capability.RETURN_FOR_REWORK, True),
        (Role.REVIEWER, Capability.APPROVE, False),
    ],
)
def test_role_capabilities_in_own_unit(ward_a, role, capability, expected):
    user = make_member(ward_a, role)
    assert has_capability(user, capability, ward_a) is expected


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
