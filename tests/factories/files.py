"""Uploaded files for forms and services: small valid PDF, PNG and JPEG."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sessions.demo import minimal_pdf

# The smallest PDF the upload checks accept (no page content).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes(
    size: tuple[int, int] = (8, 8), colour: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(
    size: tuple[int, int] = (8, 8), colour: tuple[int, int, int] = (20, 130, 30)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    """A one-page PDF with a title, like signed minutes."""
    return upload(name, minimal_pdf("Bien ban"), "application/pdf")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return upload(name, png_bytes((64, 48)), "image/png")


def jpeg_upload(name: str = "anh.jpg") -> SimpleUploadedFile:
    return upload(name, jpeg_bytes((64, 48)), "image/jpeg")
