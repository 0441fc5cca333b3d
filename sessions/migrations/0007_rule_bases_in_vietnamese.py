"""The seeded session rules cite their basis in Vietnamese and in full (domain.md §1, §6).

The first seed (0002) wrote some bases in English or as working notes ("amended by",
"Giả định, chờ toàn văn ..."), and cited decree numbers nobody could verify. This rewrites a
seeded row only while its text still equals what 0002 wrote: a basis or note an
administrator has since edited is left as it is. 0002 now seeds the new texts directly, and
going back leaves them (the old words are not to return).
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

# natural key -> (field, text 0002 wrote, text now)
FREQUENCY_RULES = {
    ("commune", "conference", "any"): [
        (
            "legal_basis",
            "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32",
            "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43",
        ),
        (
            "note",
            "UBND cấp xã phối hợp với Ủy ban MTTQ tổ chức hội nghị đối thoại với Nhân dân ít "
            "nhất mỗi năm một lần (mục tiêu: hai lần).",
            "Ủy ban nhân dân cấp xã phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp tổ "
            "chức hội nghị đối thoại với Nhân dân ít nhất mỗi năm một lần (chỉ tiêu nội bộ: "
            "hai lần).",
        ),
    ],
    ("city", "conference", "any"): [
        ("legal_basis", "Giả định, chờ toàn văn QĐ 935-QĐ/TU", CITY_COMMITTEE_RULE),
    ],
    ("commune", "reception", "party_secretary"): [
        (
            "legal_basis",
            "Quy định 11-QĐi/TW (2019), amended by Kết luận 215-KL/TW (23/11/2025)",
            RECEPTION_PARTY,
        ),
    ],
    ("city", "reception", "party_secretary"): [
        (
            "legal_basis",
            "Quy định 11-QĐi/TW (2019), amended by Kết luận 215-KL/TW (23/11/2025)",
            RECEPTION_PARTY,
        ),
    ],
    ("commune", "reception", "chair"): [
        (
            "legal_basis",
            "Luật Tiếp công dân 2013 (amended 2025)",
            "Luật Tiếp công dân số 42/2013/QH13, Điều 18",
        ),
        (
            "note",
            "Ngày tiếp dân của Chủ tịch UBND cấp xã.",
            "Ngày tiếp công dân của Chủ tịch Ủy ban nhân dân cấp xã; tuần không có ngày làm "
            "việc thì không tính.",
        ),
    ],
}

TIMING_RULES = {
    ("notice", ""): [
        (
            "legal_basis",
            "NĐ 154/2026 (online sessions), NĐ 155/2026",
            "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43 (hội nghị đối "
            "thoại: thông báo trước ít nhất 7 ngày); các loại buổi khác: chỉ tiêu nội bộ",
        ),
    ],
    ("conclusions", ""): [
        ("legal_basis", "Giả định, chờ toàn văn QĐ 935-QĐ/TU", CITY_COMMITTEE_RULE),
    ],
}


def _rewrite(model, using, key_fields, table):
    rows = model._base_manager.using(using)
    for key, changes in table.items():
        row = rows.filter(**dict(zip(key_fields, key, strict=True))).first()
        if row is None:
            continue
        changed = []
        for field, old, new in changes:
            if getattr(row, field) == old:
                setattr(row, field, new)
                changed.append(field)
        if changed:
            row.save(update_fields=changed)


def rewrite(apps, schema_editor):
    using = schema_editor.connection.alias
    _rewrite(
        apps.get_model("dialogue_sessions", "FrequencyRule"),
        using,
        ("unit_level", "session_kind", "host"),
        FREQUENCY_RULES,
    )
    _rewrite(
        apps.get_model("dialogue_sessions", "TimingRule"),
        using,
        ("kind", "session_kind"),
        TIMING_RULES,
    )


class Migration(migrations.Migration):
    dependencies = [("dialogue_sessions", "0006_history_actions")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
