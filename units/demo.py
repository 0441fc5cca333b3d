"""Demo units and accounts for `manage.py seed_demo` (idempotent).

Two wards with every role, the city's Chủ tịch UBND and an officer of its citizen-reception
office, a city reviewer and an administrator. Other apps' demo
seeders look the accounts up by these usernames and the wards by these codes.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Role, Unit
from .services import name_person, units_import_province

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - printed for the demo only, debug mode only
CITY_CODE = "79"
WARD_A_CODE = "26743"  # Phường Bến Thành
WARD_B_CODE = "27664"  # Xã Cần Giờ

# username -> (unit code, role, full name (family name first), position on documents)
DEMO_ACCOUNTS = {
    # Phường Bến Thành: the Party committee and the UBND, each with its own people.
    "bithu.benthanh": (
        WARD_A_CODE,
        Role.PARTY_SECRETARY,
        "Nguyễn Văn Hải",
        "Bí thư Đảng ủy phường Bến Thành",
    ),
    "vpdu.benthanh": (
        WARD_A_CODE,
        Role.PARTY_OFFICER,
        "Phan Thị Ngọc Ánh",
        "Chuyên viên Văn phòng Đảng ủy phường Bến Thành",
    ),
    "truong.benthanh": (
        WARD_A_CODE,
        Role.CHAIR,
        "Trần Minh Tuấn",
        "Chủ tịch Ủy ban nhân dân phường Bến Thành",
    ),
    "phochutich.benthanh": (
        WARD_A_CODE,
        Role.VICE_CHAIR,
        "Lý Thị Hồng",
        "Phó Chủ tịch Ủy ban nhân dân phường Bến Thành",
    ),
    "canbo.benthanh": (
        WARD_A_CODE,
        Role.WARD_OFFICER,
        "Trần Thị Minh",
        "Chuyên viên Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Bến Thành",
    ),
    "hdnd.benthanh": (
        WARD_A_CODE,
        Role.COUNCIL_STANDING,
        "Đặng Quốc Bảo",
        "Phó Chủ tịch Hội đồng nhân dân phường Bến Thành",
    ),
    "mttq.benthanh": (
        WARD_A_CODE,
        Role.MTTQ_LIAISON,
        "Lê Thị Hoa",
        "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường Bến Thành",
    ),
    # Xã Cần Giờ.
    "bithu.cangio": (
        WARD_B_CODE,
        Role.PARTY_SECRETARY,
        "Lê Văn Phước",
        "Bí thư Đảng ủy xã Cần Giờ",
    ),
    "vpdu.cangio": (
        WARD_B_CODE,
        Role.PARTY_OFFICER,
        "Nguyễn Thị Thanh Xuân",
        "Chuyên viên Văn phòng Đảng ủy xã Cần Giờ",
    ),
    "truong.cangio": (
        WARD_B_CODE,
        Role.CHAIR,
        "Võ Minh Dũng",
        "Chủ tịch Ủy ban nhân dân xã Cần Giờ",
    ),
    "phochutich.cangio": (
        WARD_B_CODE,
        Role.VICE_CHAIR,
        "Huỳnh Văn Lộc",
        "Phó Chủ tịch Ủy ban nhân dân xã Cần Giờ",
    ),
    "canbo.cangio": (
        WARD_B_CODE,
        Role.WARD_OFFICER,
        "Phạm Văn Tâm",
        "Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Cần Giờ",
    ),
    "hdnd.cangio": (
        WARD_B_CODE,
        Role.COUNCIL_STANDING,
        "Trương Thị Kim",
        "Phó Chủ tịch Hội đồng nhân dân xã Cần Giờ",
    ),
    "mttq.cangio": (
        WARD_B_CODE,
        Role.MTTQ_LIAISON,
        "Đỗ Thị Lan",
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã Cần Giờ",
    ),
    "thanhuy.ratsoat": (
        CITY_CODE,
        Role.REVIEWER,
        "Huỳnh Nhật Quang",
        "Chuyên viên Ban Tuyên giáo và Dân vận Thành ủy",
    ),
    # City level: a denunciation of a ward's Chủ tịch is resolved by the Chủ tịch UBND Thành
    # phố, whose citizen-reception office handles it (Luật Tố cáo năm 2018 Điều 13).
    "ubndtp.chutich": (
        CITY_CODE,
        Role.CHAIR,
        "Lâm Quốc Khánh",
        "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
    ),
    "ubndtp.tiepcongdan": (
        CITY_CODE,
        Role.WARD_OFFICER,
        "Đinh Thị Thu Trang",
        "Chuyên viên Ban Tiếp công dân Thành phố",
    ),
    # The Party's inspection committee of Phường Bến Thành (a Party member's conduct).
    "ubkt.benthanh": (
        WARD_A_CODE,
        Role.INSPECTION_CHAIR,
        "Hà Văn Nghĩa",
        "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy phường Bến Thành",
    ),
}
ADMIN_USERNAME = "admin"


@transaction.atomic
def seed_units_and_accounts() -> list[tuple[str, str, str]]:
    """Import the units, create the demo accounts; return (username, role, unit) rows."""
    units_import_province(province_code=int(CITY_CODE))
    user_model = get_user_model()
    rows = []
    for username, (code, role, full_name, position) in DEMO_ACCOUNTS.items():
        unit = Unit.objects.get(code=code)
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@demo.invalid"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        name_person(user, full_name)
        # A demo account holds exactly the role it is shown with (a database seeded before
        # the two institutions were split keeps no stray role).
        Membership.objects.filter(user=user).exclude(unit=unit, role=role).update(is_active=False)
        Membership.objects.update_or_create(
            user=user, unit=unit, role=role, defaults={"position": position, "is_active": True}
        )
        rows.append((username, Role(role).label, unit.name))
    admin, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@demo.invalid"},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    name_person(admin, "Quản trị hệ thống")
    rows.append((ADMIN_USERNAME, _("Administrator"), "—"))
    return rows
