"""Seed the concern categories and the clocks of each concern type (domain.md §6).

Administrators edit both afterwards in the admin; this only fills empty tables.
"""

from django.db import migrations

CATEGORIES = [
    "Đất đai",
    "Môi trường",
    "Trật tự đô thị",
    "An sinh xã hội",
    "Thủ tục hành chính",
    "Thái độ, tác phong cán bộ",
    "Hạ tầng, giao thông",
    "Khác",
]

# type: (acknowledge working days, answer days, answer in working days, complex days,
#        citizen window working days, head approval, extensions allowed, legal basis)
RULES = {
    "report": (
        10, 30, False, None, 10, False, 1,
        "Tiếp nhận, phân loại trong 10 ngày làm việc: Quy định 11-QĐi/TW (Kết luận 215-KL/TW), "
        "Luật Tiếp công dân 2013 Điều 28. Trả lời trong 30 ngày: thông lệ, chờ văn bản QĐ 935/936-QĐ/TU. "
        "Thời hạn người dân đồng ý hoặc không đồng ý với câu trả lời: giả định.",
    ),
    "recommendation": (
        10, 30, False, None, 10, False, 1,
        "Tiếp nhận, phân loại trong 10 ngày làm việc: Quy định 11-QĐi/TW (Kết luận 215-KL/TW), "
        "Luật Tiếp công dân 2013 Điều 28. Trả lời trong 30 ngày: thông lệ, chờ văn bản QĐ 935/936-QĐ/TU. "
        "Thời hạn người dân đồng ý hoặc không đồng ý với câu trả lời: giả định.",
    ),
    "feedback": (
        10, 30, False, None, 10, True, 1,
        "QĐ 936-QĐ/TU (thực hiện QĐ 218-QĐ/TW); Luật Mặt trận Tổ quốc Việt Nam: tiếp thu, trả lời "
        "và giải trình bằng văn bản những nội dung không tiếp thu. Thời hạn 30 ngày: thông lệ.",
    ),
    "complaint": (
        7, 30, False, 45, 10, True, 1,
        "Luật Khiếu nại 2011; Nghị định 155/2026/NĐ-CP: thụ lý trong 7 ngày làm việc (từ 1/7/2026), "
        "giải quyết không quá 30 ngày, vụ việc phức tạp không quá 45 ngày.",
    ),
    "denunciation": (
        7, 30, False, None, 10, True, 2,
        "Luật Tố cáo 2018: xử lý ban đầu trong 7 ngày làm việc; giải quyết không quá 30 ngày, "
        "có thể gia hạn một hoặc hai lần, mỗi lần không quá 30 ngày.",
    ),
}


def seed(apps, schema_editor):
    Category = apps.get_model("petitions", "Category")
    ConcernRule = apps.get_model("petitions", "ConcernRule")
    if not Category.objects.exists():
        for position, name in enumerate(CATEGORIES, start=1):
            Category.objects.create(name=name, ordering=position * 10)
    for type_, values in RULES.items():
        ack, answer, working, complex_days, window, approval, extensions, basis = values
        ConcernRule.objects.get_or_create(
            type=type_,
            defaults={
                "acknowledge_days": ack,
                "answer_days": answer,
                "answer_in_working_days": working,
                "complex_days": complex_days,
                "citizen_window_days": window,
                "needs_head_approval": approval,
                "max_extensions": extensions,
                "legal_basis": basis,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
