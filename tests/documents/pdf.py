"""What a test needs to know of a PDF, read from its bytes: pages and their sizes."""

import re

A4_POINTS = (595.28, 841.89)  # 210 × 297 mm

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def page_count(pdf: bytes) -> int:
    return len(_PAGE.findall(pdf))


def page_sizes(pdf: bytes) -> set[tuple[float, float]]:
    """The distinct (width, height) of the MediaBoxes, in points, rounded to 1 pt."""
    return {
        (round(float(x1) - float(x0)), round(float(y1) - float(y0)))
        for x0, y0, x1, y1 in _MEDIA_BOX.findall(pdf)
    }


def is_a4(pdf: bytes) -> bool:
    sizes = page_sizes(pdf)
    return bool(sizes) and sizes == {(round(A4_POINTS[0]), round(A4_POINTS[1]))}
