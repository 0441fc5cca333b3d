"""Seed the rules of domain.md §6 with their legal basis, so every fresh database has them.

Administrators edit them afterwards in the admin; this migration never overwrites a rule
that already exists. The bases are Vietnamese citations in full (0007 rewrote the first
seed's texts in databases that already had them).
"""

from django.db import migrations

CITY_COMMITTEE_RULE = (
    "Quy định nội bộ của Thành ủy Thành phố Hồ Chí Minh (Quyết định số 935-QĐ/TU "
    "ngày 28/4/2017 của Thành ủy Thành phố Hồ Chí Minh)"
)
RECEPTION_PARTY = (
    "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị, sửa đổi, bổ sung theo "
    "Kết luận số 215-KL/TW ngày 23/11/2025"
)

FREQUENCY_RULES = [
    # (unit_level, session_kind, host, period, minimum, target, legal_basis, note)
    (
        "commune",
        "conference",
        "any",
        "year",
        1,
        2,
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43",
        "Ủy ban nhân dân cấp xã phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp tổ chức "
        "hội nghị đối thoại với Nhân dân ít nhất mỗi năm một lần (chỉ tiêu nội bộ: hai lần).",
    ),
    (
        "city",
        "conference",
        "any",
        "year",
        1,
        None,
        CITY_COMMITTEE_RULE,
        "",
    ),
    (
        "commune",
        "reception",
        "party_secretary",
        "month",
        2,
        None,
        RECEPTION_PARTY,
        "Ngày tiếp dân của Bí thư Đảng ủy cấp xã.",
    ),
    (
        "city",
        "reception",
        "party_secretary",
        "month",
        1,
        None,
        RECEPTION_PARTY,
        "Ngày tiếp dân của Bí thư Thành ủy.",
    ),
    (
        "commune",
        "reception",
        "chair",
        "week",
        1,
        None,
        "Luật Tiếp công dân số 42/2013/QH13, Điều 18",
        "Ngày tiếp công dân của Chủ tịch Ủy ban nhân dân cấp xã; tuần không có ngày làm việc "
        "thì không tính.",
    ),
]

TIMING_RULES = [
    # (kind, session_kind, days, working_days, legal_basis, note)
    (
        "notice",
        "",
        5,
        True,
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43 (hội nghị đối thoại: thông "
        "báo trước ít nhất 7 ngày); các loại buổi khác: chỉ tiêu nội bộ",
        "Thông báo muộn hơn chỉ được phép với người đứng đầu, phải nêu lý do và được ghi nhận là thông báo muộn.",
    ),
    (
        "conclusions",
        "",
        10,
        True,
        CITY_COMMITTEE_RULE,
        "Thông báo kết luận phải ban hành trong số ngày làm việc này kể từ ngày tổ chức.",
    ),
    (
        "minutes",
        "",
        3,
        False,
        "Quy ước của Cổng (chỉ dùng để nhắc việc)",
        "Nhắc cán bộ khi buổi đã tổ chức quá số ngày này mà chưa có biên bản.",
    ),
]


def seed(apps, schema_editor):
    FrequencyRule = apps.get_model("dialogue_sessions", "FrequencyRule")
    TimingRule = apps.get_model("dialogue_sessions", "TimingRule")
    for unit_level, session_kind, host, period, minimum, target, basis, note in FREQUENCY_RULES:
        FrequencyRule.objects.get_or_create(
            unit_level=unit_level,
            session_kind=session_kind,
            host=host,
            defaults={
                "period": period,
                "minimum": minimum,
                "target": target,
                "legal_basis": basis,
                "note": note,
            },
        )
    for kind, session_kind, days, working, basis, note in TIMING_RULES:
        TimingRule.objects.get_or_create(
            kind=kind,
            session_kind=session_kind,
            defaults={"days": days, "working_days": working, "legal_basis": basis, "note": note},
        )


class Migration(migrations.Migration):
    dependencies = [("dialogue_sessions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
