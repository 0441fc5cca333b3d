"""Demo units and accounts for `manage.py seed_demo` (idempotent).

Two wards with every role, plus a city reviewer and an administrator. Other apps' demo
seeders look the accounts up by these usernames and the wards by these codes.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Role, Unit
from .services import units_import_province

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - printed for the demo only, debug mode only
CITY_CODE = "79"
WARD_A_CODE = "26743"  # Phường Bến Thành
WARD_B_CODE = "27664"  # Xã Cần Giờ

# username -> (unit code, role, first name, last name, position)
DEMO_ACCOUNTS = {
    "canbo.benthanh": (
        WARD_A_CODE,
        Role.WARD_OFFICER,
        "Minh",
        "Trần Thị",
        "Chuyên viên Văn phòng HĐND-UBND",
    ),
    "truong.benthanh": (WARD_A_CODE, Role.UNIT_HEAD, "Hải", "Nguyễn Văn", "Bí thư Đảng ủy phường"),
    "mttq.benthanh": (
        WARD_A_CODE,
        Role.MTTQ_LIAISON,
        "Hoa",
        "Lê Thị",
        "Phó Chủ tịch Ủy ban MTTQ phường",
    ),
    "canbo.cangio": (
        WARD_B_CODE,
        Role.WARD_OFFICER,
        "Tâm",
        "Phạm Văn",
        "Công chức Văn phòng HĐND-UBND",
    ),
    "truong.cangio": (WARD_B_CODE, Role.UNIT_HEAD, "Dũng", "Võ Minh", "Chủ tịch UBND xã"),
    "mttq.cangio": (WARD_B_CODE, Role.MTTQ_LIAISON, "Lan", "Đỗ Thị", "Chủ tịch Ủy ban MTTQ xã"),
    "thanhuy.ratsoat": (
        CITY_CODE,
        Role.REVIEWER,
        "Quang",
        "Huỳnh Nhật",
        "Chuyên viên Ban Tuyên giáo và Dân vận Thành ủy",
    ),
}
ADMIN_USERNAME = "admin"


@transaction.atomic
def seed_units_and_accounts() -> list[tuple[str, str, str]]:
    """Import the units, create the demo accounts; return (username, role, unit) rows."""
    units_import_province(province_code=int(CITY_CODE))
    user_model = get_user_model()
    rows = []
    for username, (code, role, first, last, position) in DEMO_ACCOUNTS.items():
        unit = Unit.objects.get(code=code)
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, unit=unit, role=role, defaults={"position": position}
        )
        rows.append((username, Role(role).label, unit.name))
    admin, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@demo.invalid"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    rows.append((ADMIN_USERNAME, "Administrator", "—"))
    return rows
