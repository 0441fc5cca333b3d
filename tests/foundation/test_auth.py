from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt_login(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        reverse("staff:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_page_is_in_vietnamese(client):
    response = client.get(reverse("staff:login"))
    assert response.status_code == 200
    assert "Đăng nhập cán bộ" in response.content.decode()


def test_officer_signs_in_and_lands_on_staff_home_with_their_unit(client, officer_a, ward_a):
    response = attempt_login(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")

    home = client.get(reverse("staff:home")).content.decode()
    assert ward_a.name in home
    assert "Công chức Văn phòng Hội đồng nhân dân và Ủy ban nhân dân" in home


def test_anonymous_visitor_is_sent_to_login_from_staff_home(client):
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


def test_public_home_needs_no_login(client):
    assert client.get(reverse("home")).status_code == 200


def test_logout_is_post_only(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("staff:logout")).status_code == 405
    assert client.post(reverse("staff:logout")).status_code == 302
    assert client.get(reverse("staff:home")).status_code == 302


def test_five_wrong_passwords_lock_that_username_from_that_address(client, officer_a):
    for _ in range(4):
        assert attempt_login(client, "officer_a", "wrong").status_code == 200
    # The fifth failure reaches the limit: the lockout page answers it.
    assert attempt_login(client, "officer_a", "wrong").status_code == 429

    # Now even the right password is refused until the cool-off ends.
    locked = attempt_login(client, "officer_a", PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "15 phút" in text
    assert "officer_a" not in text
    from audit.models import AuditEntry

    lockout = AuditEntry.objects.filter(action="auth.locked_out").first()
    assert lockout is not None and lockout.data == {"username": "officer_a"}


def test_attacker_elsewhere_cannot_lock_out_the_real_user(client, officer_a):
    for _ in range(6):
        attempt_login(client, "officer_a", "wrong", ip="198.51.100.66")

    response = attempt_login(client, "officer_a", PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302


def test_lockout_lifts_after_the_cool_off(client, officer_a, settings):
    for _ in range(5):
        attempt_login(client, "officer_a", "wrong")
    assert attempt_login(client, "officer_a", PASSWORD).status_code == 429

    # Sixteen minutes later the 15-minute cool-off is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert attempt_login(client, "officer_a", PASSWORD).status_code == 302


def test_password_reset_sends_a_vietnamese_email_with_a_working_link(client, officer_a):
    response = client.post(reverse("staff:password_reset"), {"email": officer_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "mật khẩu" in message.subject.lower()
    link = next(line for line in message.body.splitlines() if "/staff/password/reset/" in line)
    path = link.split("testserver", 1)[1]

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "a-much-longer-new-password-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password(new_password)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("staff:password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_refuses_short_and_common_passwords(client, officer_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("staff:password_change"),
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    assert response.status_code == 200
    officer_a.refresh_from_db()
    assert officer_a.check_password(PASSWORD)

    response = client.post(
        reverse("staff:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "river-lantern-orchid-42",
            "new_password2": "river-lantern-orchid-42",
        },
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.check_password("river-lantern-orchid-42")


def test_english_is_served_after_the_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_browser_language_header_does_not_override_vietnamese_default(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "vi"
