"""People are named by one "Họ và tên", family name first, on every page and in the data."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from dialogue_portal.lib.people import person_name
from tests.factories import concerns as f
from tests.factories import make_member
from units.models import Person, Role

pytestmark = pytest.mark.django_db


def test_the_name_is_the_one_full_name_or_the_username(ward_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, full_name="Nguyễn  Văn Hải ")
    assert person_name(officer) == "Nguyễn Văn Hải"
    nameless = make_member(ward_a, Role.WARD_OFFICER, username="canbo.khong.ten")
    assert person_name(nameless) == "canbo.khong.ten"
    assert person_name(None) == ""


def test_lists_of_people_sort_by_given_name_then_family_name(ward_a):
    make_member(ward_a, Role.WARD_OFFICER, full_name="Trần Văn Đức")
    make_member(ward_a, Role.WARD_OFFICER, full_name="Nguyễn Thị Dung")
    make_member(ward_a, Role.WARD_OFFICER, full_name="Lê Văn An")
    assert Person.objects.get(full_name="Trần Văn Đức").sort_name == "Đức Trần Văn"
    from petitions.selectors import handlers_in

    names = [person_name(u) for u in handlers_in([ward_a])]
    # Given names An < Dung < Đức (Đ after D).
    assert names.index("Lê Văn An") < names.index("Nguyễn Thị Dung") < names.index("Trần Văn Đức")


def test_staff_pages_name_the_signed_in_officer_and_the_handler_family_name_first(client, ward_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, full_name="Nguyễn Văn Hải")
    concern = f.assigned(ward_a, officer)
    client.force_login(officer)
    page = client.get(reverse("petitions:detail", args=[concern.pk])).content.decode()
    assert "Nguyễn Văn Hải" in page
    assert "Hải Nguyễn Văn" not in page
    queue = client.get(reverse("petitions:queue")).content.decode()
    assert "Nguyễn Văn Hải" in queue and "Hải Nguyễn Văn" not in queue


def test_the_administrator_writes_one_full_name(admin_client, ward_a):
    officer = make_member(ward_a, Role.WARD_OFFICER, username="canbo.moi")
    url = reverse("admin:auth_user_change", args=[officer.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="full_name"' in page and 'name="first_name"' not in page
    form = {
        "username": "canbo.moi",
        "full_name": "Phạm Thị Lan Anh",
        "email": "lananh@example.test",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    # Keep the existing membership row as it is.
    membership = officer.memberships.get()
    form.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-user": str(officer.pk),
            "memberships-0-unit": str(ward_a.pk),
            "memberships-0-role": membership.role,
            "memberships-0-is_active": "on",
        }
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    officer.refresh_from_db()
    assert person_name(get_user_model().objects.get(pk=officer.pk)) == "Phạm Thị Lan Anh"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_migration_joins_family_and_given_names_and_splits_the_unit_head():
    """Accounts made before: "Nguyễn Văn" + "Hải" becomes "Nguyễn Văn Hải"; a unit head
    whose position names the Party committee becomes its Bí thư, any other the Chủ tịch."""
    executor = MigrationExecutor(connection)
    before = [("units", "0003_clean_text")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user_model = old.get_model("auth", "User")
    unit_model = old.get_model("units", "Unit")
    membership = old.get_model("units", "Membership")
    ward = unit_model.objects.create(
        code="M0001", name="Phường Thử", kind="ward", path="M0001/", search_name="phuong thu"
    )
    hai = user_model.objects.create(username="hai", first_name="Hải", last_name="Nguyễn Văn")
    tuan = user_model.objects.create(username="tuan", first_name="Tuấn", last_name="Trần Minh")
    membership.objects.create(user=hai, unit=ward, role="unit_head", position="Bí thư Đảng ủy")
    membership.objects.create(user=tuan, unit=ward, role="unit_head", position="Chủ tịch UBND")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from units.models import Membership

    hai_now = get_user_model().objects.get(username="hai")
    assert person_name(hai_now) == "Nguyễn Văn Hải"
    assert hai_now.first_name == "" and hai_now.last_name == ""
    assert Membership.objects.get(user=hai_now).role == Role.PARTY_SECRETARY
    assert Membership.objects.get(user__username="tuan").role == Role.CHAIR


def test_e_mails_greet_the_officer_by_the_full_name(
    ward_a, mailoutbox, django_capture_on_commit_callbacks
):
    officer = make_member(
        ward_a, Role.WARD_OFFICER, full_name="Nguyễn Văn Hải", email="hai@example.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        f.assigned(ward_a, officer)
    bodies = [m.body for m in mailoutbox if "hai@example.test" in m.to]
    assert bodies and "Nguyễn Văn Hải" in bodies[0]
    assert "Hải Nguyễn Văn" not in bodies[0]
