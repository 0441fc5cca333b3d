"""One pager for every paginated list: templates/includes/pagination.html with {% querystring %}."""

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _pager(query: str, number: int) -> str:
    request = RequestFactory().get(f"/staff/concerns/?{query}")
    page = Paginator(range(100), 10).get_page(number)
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_the_pager_keeps_the_filters_and_replaces_the_page():
    html = _pager("q=%C4%91%C3%A8n&page=4&state=open&state=assigned", 4)
    assert 'href="?q=%C4%91%C3%A8n&amp;page=3&amp;state=open&amp;state=assigned"' in html
    assert 'href="?q=%C4%91%C3%A8n&amp;page=5&amp;state=open&amp;state=assigned"' in html
    assert 'aria-current="page"' in html


def test_the_first_and_last_pages_link_one_way_and_a_single_page_has_no_pager():
    first = _pager("", 1)
    assert 'href="?page=2"' in first and "page=0" not in first
    last = _pager("sort=due", 10)
    assert 'href="?sort=due&amp;page=9"' in last and "page=11" not in last
    request = RequestFactory().get("/")
    single = Paginator(range(3), 10).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": single}, request=request)
    assert "pagination" not in html


def test_no_template_builds_its_own_page_links():
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in root.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and path.name != "pagination.html"
    ]
    assert templates
    own = [str(p.relative_to(root)) for p in templates if "page=" in p.read_text()]
    assert own == []
