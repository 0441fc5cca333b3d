"""In Chromium: a document reads on a 360 px phone and prints on A4 pages."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from tests.browser import assert_accessible
from tests.documents.conftest import notice
from tests.documents.pdf import is_a4, page_count, page_sizes

pytestmark = pytest.mark.browser

STYLESHEET = '<link rel="stylesheet" href="/static/documents/official-document.css">'


def standalone(document) -> str:
    """The document on a page of its own, its stylesheet inlined (no server needed)."""
    html = render_to_string("documents/official_document.html", {"document": document})
    assert STYLESHEET in html
    css = Path(finders.find("documents/official-document.css")).read_text(encoding="utf-8")
    html = html.replace(STYLESHEET, f"<style>{css}</style>")
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Thông báo</title></head><body><main>{html}</main></body></html>"
    )


@pytest.mark.parametrize("institution", ["state", "party"])
def test_a_document_reads_on_a_360_px_phone_without_sideways_scrolling(page, institution):
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(standalone(notice(institution, draft=True, pages=2)))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    issuer = page.locator(".od-issuer").bounding_box()
    motto = page.locator(".od-motto").bounding_box()
    assert issuer["y"] + issuer["height"] <= motto["y"]  # the heading columns stack
    table = page.locator(".od-table").bounding_box()
    assert table["x"] + table["width"] <= 360
    assert page.get_by_text("DỰ THẢO").is_visible()
    assert_accessible(page)


def test_a_document_prints_on_a4_with_the_heading_side_by_side(page):
    page.set_viewport_size({"width": 360, "height": 740})  # printing from a phone
    page.set_content(standalone(notice("state", pages=2)))
    page.emulate_media(media="print")
    issuer = page.locator(".od-issuer").bounding_box()
    motto = page.locator(".od-motto").bounding_box()
    assert issuer["y"] == motto["y"] and issuer["x"] < motto["x"]
    pdf = page.pdf(prefer_css_page_size=True)
    assert is_a4(pdf), page_sizes(pdf)
    assert page_count(pdf) >= 2
