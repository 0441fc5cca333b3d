"""Public pages are served from a cache, stay correct after a change, and keep CSRF working."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue_portal.lib.pagecache import CSRF_PLACEHOLDER
from sessions import services as session_services
from tests.factories.sessions import days, make_session

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_second_visitor_gets_the_page_without_touching_the_database(ward_a):
    make_session(ward_a, "announced", planned_start=days(5), topic="Chỉnh trang vỉa hè")
    url = reverse("public_sessions:upcoming")
    first, page = _queries(Client(), url)
    again, cached = _queries(Client(), url)
    assert first > 0 and again == 0
    assert "Chỉnh trang vỉa hè" in cached
    assert CSRF_PLACEHOLDER not in page and CSRF_PLACEHOLDER not in cached


def test_a_change_shows_at_once(ward_a, head_a, django_capture_on_commit_callbacks):
    session = make_session(ward_a, "announced", planned_start=days(5), topic="Chỉnh trang vỉa hè")
    url = reverse("public_sessions:detail", args=[session.public_id])
    assert "Chỉnh trang vỉa hè" in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        session_services.session_postpone(
            actor=head_a,
            session_id=session.pk,
            reason="Trùng lịch tiếp công dân",
            new_start=days(12),
            new_end=days(12.1),
        )
    page = Client().get(url).content.decode()
    assert "Trùng lịch tiếp công dân" in page  # not the cached copy from before


def test_a_new_session_appears_on_the_cached_calendar(ward_a, django_capture_on_commit_callbacks):
    url = reverse("public_sessions:upcoming")
    assert "Lắp đèn chiếu sáng" not in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_session(ward_a, "announced", planned_start=days(6), topic="Lắp đèn chiếu sáng")
    assert "Lắp đèn chiếu sáng" in Client().get(url).content.decode()


def test_forms_on_a_cached_page_pass_the_csrf_check(ward_a):
    url = reverse("public_petitions:submit")
    Client().get(url)  # the page is now cached
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    tokens = TOKEN_RE.findall(page)
    assert tokens and all(t != CSRF_PLACEHOLDER for t in tokens)
    response = visitor.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302
    # A visitor without the cookie that goes with that token is still refused.
    stranger = Client(enforce_csrf_checks=True)
    refused = stranger.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[0]}
    )
    assert refused.status_code == 403


def test_each_language_has_its_own_copy(ward_a):
    url = reverse("public_sessions:upcoming")
    vietnamese = Client().get(url).content.decode()
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get(url).content.decode()
    assert 'lang="vi"' in vietnamese and 'lang="en"' in english
    assert Client().get(url).content.decode().count('lang="vi"') >= 1


def test_signed_in_staff_never_get_the_anonymous_copy(ward_a, officer_a):
    url = reverse("public_sessions:upcoming")
    Client().get(url)
    staff = Client()
    staff.force_login(officer_a)
    staff_link = f'href="{reverse("staff:home")}"'  # "Staff area", for signed-in users only
    assert staff_link in staff.get(url).content.decode()
    assert staff_link not in Client().get(url).content.decode()


def test_a_flash_message_is_shown_not_cached(ward_a):
    url = reverse("public_petitions:submit")
    Client().get(url)  # the page is now cached
    visitor = Client()
    # The confirmation page, reached with nothing to confirm, redirects with a message.
    assert visitor.get(reverse("public_petitions:submitted")).status_code == 302
    with_message = visitor.get(url).content.decode()
    assert 'class="messages"' in with_message
    assert 'class="messages"' not in Client().get(url).content.decode()
