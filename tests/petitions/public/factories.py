"""Concerns for the public pages' tests, made through the services as a citizen's would be."""

import io
import itertools
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from petitions import services
from petitions.models import Category, Concern, ConcernChannel, ConcernType

_counter = itertools.count(1)
PHONE = "0903 123 456"
PHONE_LAST4 = "3456"


def category() -> Category:
    return Category.objects.filter(is_active=True).order_by("ordering").first()


def web_concern(unit, **extra) -> Concern:
    n = next(_counter)
    fields = {
        "type": ConcernType.REPORT,
        "category": category(),
        "content": f"Đèn đường hẻm {n} không sáng đã hai tuần",
        "submitter_name": "Nguyễn Văn A",
        "submitter_phone": PHONE,
        "submitter_email": f"citizen{n}@example.test",
        "consent": True,
    }
    fields.update(extra)
    return services.concern_submit(unit=unit, channel=ConcernChannel.WEB, **fields)


def answered_concern(unit, officer, *, published_days_ago: int = 0, **extra) -> Concern:
    """Accepted, assigned to ``officer``, answered and published (no head approval needed)."""
    concern = web_concern(unit, **extra)
    concern = services.concern_accept(
        actor=officer,
        concern=concern,
        version=concern.version,
        type=concern.type,
        category=concern.category,
    )
    concern = services.concern_assign(
        actor=officer, concern=concern, version=concern.version, assignee=officer
    )
    concern = services.concern_answer_save(
        actor=officer,
        concern=concern,
        version=concern.version,
        answer_text="Kính gửi ông Nguyễn Văn A (0903 123 456): phường đã sửa đèn.",
        answer_public_text="UBND phường đã sửa đèn đường hẻm.",
    )
    concern = services.concern_answer_submit(
        actor=officer, concern=concern, version=concern.version
    )
    if published_days_ago:
        Concern.objects.filter(pk=concern.pk).update(
            answer_published_at=timezone.now() - timedelta(days=published_days_ago)
        )
        concern.refresh_from_db()
    return concern


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 130, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
