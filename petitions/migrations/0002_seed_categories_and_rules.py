"""Seed the concern categories and the clocks of each concern type (domain.md §6).

Administrators edit both afterwards in the admin; this only fills empty tables. The bases
are Vietnamese citations in full (0010 rewrote the first seed's texts in databases that
already had them).
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
ACKNOWLEDGE_AND_ANSWER = (
    "Tiếp nhận, phân loại trong 10 ngày làm việc: Quy định số 11-QĐi/TW ngày 18/02/2019 của "
    "Bộ Chính trị, sửa đổi, bổ sung theo Kết luận số 215-KL/TW ngày 23/11/2025; Luật Tiếp "
    "công dân số 42/2013/QH13, Điều 28. Trả lời trong 30 ngày: chỉ tiêu nội bộ. Thời hạn "
    "người dân đồng ý hoặc không đồng ý với câu trả lời (10 ngày làm việc): chỉ tiêu nội bộ."
)

RULES = {
    "report": (10, 30, False, None, 10, False, 1, ACKNOWLEDGE_AND_ANSWER),
    "recommendation": (10, 30, False, None, 10, False, 1, ACKNOWLEDGE_AND_ANSWER),
    "feedback": (
        10, 30, False, None, 10, True, 1,
        "Quyết định số 936-QĐ/TU ngày 28/4/2017 của Thành ủy Thành phố Hồ Chí Minh (thực hiện "
        "Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị); Luật Mặt trận Tổ quốc Việt "
        "Nam số 75/2015/QH13: tiếp thu, trả lời và giải trình bằng văn bản những nội dung "
        "không tiếp thu. Trả lời trong 30 ngày: chỉ tiêu nội bộ.",
    ),
    "complaint": (
        7, 30, False, 45, 10, True, 1,
        "Luật Khiếu nại số 02/2011/QH13, Điều 27, Điều 28, và các văn bản sửa đổi, bổ sung, "
        "quy định chi tiết thi hành: thụ lý trong 7 ngày làm việc (từ ngày 01/7/2026; trước "
        "đó 10 ngày); giải quyết không quá 30 ngày, vụ việc phức tạp không quá 45 ngày (vùng "
        "sâu, vùng xa đi lại khó khăn: 45 ngày và 60 ngày).",
    ),
    "denunciation": (
        7, 30, False, None, 10, True, 2,
        "Luật Tố cáo số 25/2018/QH14, Điều 24, Điều 30: xử lý ban đầu trong 7 ngày làm việc; "
        "giải quyết không quá 30 ngày, có thể gia hạn một lần (vụ việc phức tạp) hoặc hai "
        "lần (vụ việc đặc biệt phức tạp), mỗi lần không quá 30 ngày.",
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
