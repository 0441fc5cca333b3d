"""The seeded concern rules cite their basis in Vietnamese and in full (domain.md §1, §6).

The first seed (0002) mixed working notes into the bases ("chờ văn bản ...", "giả
định") and cited a decree number nobody could verify. This rewrites a seeded row only
while its basis still equals what 0002 wrote: a basis an administrator has since edited is
left as it is. 0002 now seeds the new texts directly, and going back leaves them (the old
words are not to return).
"""

from django.db import migrations

OLD_REPORT = (
    "Tiếp nhận, phân loại trong 10 ngày làm việc: Quy định 11-QĐi/TW (Kết luận 215-KL/TW), "
    "Luật Tiếp công dân 2013 Điều 28. Trả lời trong 30 ngày: thông lệ, chờ văn bản QĐ 935/936-QĐ/TU. "
    "Thời hạn người dân đồng ý hoặc không đồng ý với câu trả lời: giả định."
)
NEW_REPORT = (
    "Tiếp nhận, phân loại trong 10 ngày làm việc: Quy định số 11-QĐi/TW ngày 18/02/2019 của "
    "Bộ Chính trị, sửa đổi, bổ sung theo Kết luận số 215-KL/TW ngày 23/11/2025; Luật Tiếp "
    "công dân số 42/2013/QH13, Điều 28. Trả lời trong 30 ngày: chỉ tiêu nội bộ. Thời hạn "
    "người dân đồng ý hoặc không đồng ý với câu trả lời (10 ngày làm việc): chỉ tiêu nội bộ."
)

# concern type -> (basis 0002 wrote, basis now)
BASES = {
    "report": (OLD_REPORT, NEW_REPORT),
    "recommendation": (OLD_REPORT, NEW_REPORT),
    "feedback": (
        "QĐ 936-QĐ/TU (thực hiện QĐ 218-QĐ/TW); Luật Mặt trận Tổ quốc Việt Nam: tiếp thu, trả lời "
        "và giải trình bằng văn bản những nội dung không tiếp thu. Thời hạn 30 ngày: thông lệ.",
        "Quyết định số 936-QĐ/TU ngày 28/4/2017 của Thành ủy Thành phố Hồ Chí Minh (thực hiện "
        "Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị); Luật Mặt trận Tổ quốc Việt "
        "Nam số 75/2015/QH13: tiếp thu, trả lời và giải trình bằng văn bản những nội dung "
        "không tiếp thu. Trả lời trong 30 ngày: chỉ tiêu nội bộ.",
    ),
    "complaint": (
        "Luật Khiếu nại 2011; Nghị định 155/2026/NĐ-CP: thụ lý trong 7 ngày làm việc (từ 1/7/2026), "
        "giải quyết không quá 30 ngày, vụ việc phức tạp không quá 45 ngày.",
        "Luật Khiếu nại số 02/2011/QH13, Điều 27, Điều 28, và các văn bản sửa đổi, bổ sung, "
        "quy định chi tiết thi hành: thụ lý trong 7 ngày làm việc (từ ngày 01/7/2026; trước "
        "đó 10 ngày); giải quyết không quá 30 ngày, vụ việc phức tạp không quá 45 ngày (vùng "
        "sâu, vùng xa đi lại khó khăn: 45 ngày và 60 ngày).",
    ),
    "denunciation": (
        "Luật Tố cáo 2018: xử lý ban đầu trong 7 ngày làm việc; giải quyết không quá 30 ngày, "
        "có thể gia hạn một hoặc hai lần, mỗi lần không quá 30 ngày.",
        "Luật Tố cáo số 25/2018/QH14, Điều 24, Điều 30: xử lý ban đầu trong 7 ngày làm việc; "
        "giải quyết không quá 30 ngày, có thể gia hạn một lần (vụ việc phức tạp) hoặc hai "
        "lần (vụ việc đặc biệt phức tạp), mỗi lần không quá 30 ngày.",
    ),
}


def rewrite(apps, schema_editor):
    rules = apps.get_model("petitions", "ConcernRule")._base_manager.using(
        schema_editor.connection.alias
    )
    for type_, (old, new) in BASES.items():
        rules.filter(type=type_, legal_basis=old).update(legal_basis=new)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0009_history_actor_name_and_details")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
