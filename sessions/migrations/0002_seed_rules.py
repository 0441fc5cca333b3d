"""Seed the rules of domain.md §6 with their legal basis, so every fresh database has them.

Administrators edit them afterwards in the admin; this migration never overwrites a rule
that already exists.
"""

from django.db import migrations

FREQUENCY_RULES = [
    # (unit_level, session_kind, host, period, minimum, target, legal_basis, note)
    (
        "commune",
        "conference",
        "any",
        "year",
        1,
        2,
        "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32",
        "UBND cấp xã phối hợp với Ủy ban MTTQ tổ chức hội nghị đối thoại với Nhân dân ít nhất mỗi năm một lần (mục tiêu: hai lần).",
    ),
    (
        "city",
        "conference",
        "any",
        "year",
        1,
        None,
        "Giả định, chờ toàn văn QĐ 935-QĐ/TU",
        "",
    ),
    (
        "commune",
        "reception",
        "party_secretary",
        "month",
        2,
        None,
        "Quy định 11-QĐi/TW (2019), amended by Kết luận 215-KL/TW (23/11/2025)",
        "Ngày tiếp dân của Bí thư Đảng ủy cấp xã.",
    ),
    (
        "city",
        "reception",
        "party_secretary",
        "month",
        1,
        None,
        "Quy định 11-QĐi/TW (2019), amended by Kết luận 215-KL/TW (23/11/2025)",
        "Ngày tiếp dân của Bí thư Thành ủy.",
    ),
    (
        "commune",
        "reception",
        "chair",
        "week",
        1,
        None,
        "Luật Tiếp công dân 2013 (amended 2025)",
        "Ngày tiếp dân của Chủ tịch UBND cấp xã.",
    ),
]

TIMING_RULES = [
    # (kind, session_kind, days, working_days, legal_basis, note)
    (
        "notice",
        "",
        5,
        True,
        "NĐ 154/2026 (online sessions), NĐ 155/2026",
        "Thông báo muộn hơn chỉ được phép với người đứng đầu, phải nêu lý do và được ghi nhận là thông báo muộn.",
    ),
    (
        "conclusions",
        "",
        10,
        True,
        "Giả định, chờ toàn văn QĐ 935-QĐ/TU",
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
