"""Invented words: names, phones, streets and the texts of concerns, answers and sessions."""

from __future__ import annotations

import random

from sessions.models import SessionKind

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
FAMILY += ["Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Thị Kim", "Đức", "Hoàng"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khoa", "Lan"]
GIVEN += ["Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo"]
GIVEN += ["Trang", "Trí", "Tuấn", "Vy", "Yến"]
STREETS = ["Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Cách Mạng Tháng Tám"]
STREETS += ["Nguyễn Trãi", "Trần Hưng Đạo", "Phan Đăng Lưu", "Võ Văn Kiệt", "Điện Biên Phủ"]
STREETS += ["Nguyễn Văn Linh", "Lũy Bán Bích", "Quang Trung", "Tô Ký", "Huỳnh Tấn Phát"]
TOPICS = {
    "Đất đai": [
        "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình đã ở ổn định",
        "Phản ánh việc lấn chiếm đất công làm lối đi chung",
        "Kiến nghị công khai quy hoạch khu dân cư",
    ],
    "Môi trường": [
        "Phản ánh rác thải tồn đọng nhiều ngày chưa được thu gom",
        "Cơ sở sản xuất gây tiếng ồn và khói bụi vào ban đêm",
        "Kênh rạch bị ô nhiễm, bốc mùi hôi",
    ],
    "Trật tự đô thị": [
        "Buôn bán lấn chiếm vỉa hè gây cản trở người đi bộ",
        "Xây dựng không phép trong hẻm",
        "Đậu xe trái phép trước cổng trường học",
    ],
    "An sinh xã hội": [
        "Đề nghị xem xét hỗ trợ hộ cận nghèo",
        "Chậm chi trả trợ cấp cho người cao tuổi",
        "Kiến nghị hỗ trợ học phí cho con em gia đình khó khăn",
    ],
    "Thủ tục hành chính": [
        "Hồ sơ chứng thực bị trả lại nhiều lần không rõ lý do",
        "Đề nghị rút ngắn thời gian giải quyết hồ sơ đăng ký hộ kinh doanh",
        "Cổng dịch vụ công thường xuyên bị lỗi khi nộp hồ sơ",
    ],
    "Thái độ, tác phong cán bộ": [
        "Cán bộ tiếp nhận hồ sơ có thái độ thiếu niềm nở",
        "Phản ánh cán bộ hẹn trả kết quả nhưng không đúng hẹn",
    ],
    "Hạ tầng, giao thông": [
        "Đường trong hẻm xuống cấp, ngập nước khi mưa",
        "Đèn chiếu sáng công cộng bị hư hỏng nhiều tháng",
        "Đề nghị lắp đặt đèn tín hiệu giao thông tại giao lộ",
    ],
    "Khác": [
        "Góp ý về việc tổ chức sinh hoạt khu phố",
        "Đề nghị bố trí thêm điểm sinh hoạt cộng đồng",
    ],
}
ANSWERS = [
    "UBND đã chỉ đạo bộ phận chuyên môn kiểm tra thực tế và xử lý theo quy định.",
    "Qua kiểm tra, nội dung phản ánh là đúng; đơn vị đã khắc phục và sẽ tiếp tục theo dõi.",
    "Nội dung kiến nghị đã được tiếp thu và đưa vào kế hoạch năm tới.",
    "Qua xác minh, nội dung phản ánh chưa có cơ sở; đơn vị đã giải thích cho người dân.",
]
OUTSIDE_BODIES = [
    "Công an phường",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Tòa án nhân dân khu vực 1",
    "Bảo hiểm xã hội cơ sở",
]
SESSION_TOPICS = {
    SessionKind.CONFERENCE: "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
    SessionKind.RECEPTION: "Tiếp công dân định kỳ",
    SessionKind.THEMATIC: "Đối thoại chuyên đề",
    SessionKind.AD_HOC: "Đối thoại đột xuất",
}
THEMES = ["chỉnh trang đô thị", "an ninh trật tự", "thủ tục hành chính", "môi trường", "an sinh"]


def random_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def random_phone(rng: random.Random) -> str:
    return f"09{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(0, 9999):04d}"


def random_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 399)} {rng.choice(STREETS)}"
