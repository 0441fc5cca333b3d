import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.policy import SESSION_LOGIN_AT, SESSION_SEEN_AT
from audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def sign_in(client, username="officer_a", password=PASSWORD):
    return client.post(reverse("staff:login"), {"username": username, "password": password})


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True


def test_with_otp_required_a_new_officer_must_set_up_totp_before_anything(
    client, officer_a, otp_on
):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:otp_setup"))

    # Every staff page sends them back to the factor step.
    home = client.get(reverse("staff:home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("staff:otp_setup"))

    setup = client.get(reverse("staff:otp_setup"))
    assert setup.status_code == 200
    assert "data:image/svg+xml;base64," in setup.content.decode()
    device = TOTPDevice.objects.get(user=officer_a)

    done = client.post(
        reverse("staff:otp_setup"), {"token": current_code(device), "next": "/staff/"}
    )
    assert done.status_code == 302
    assert client.get(reverse("staff:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="auth.otp_enrolled", actor=officer_a).exists()


def test_a_totp_code_works_once(client, officer_a, otp_on):
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    sign_in(client)
    code = current_code(device)
    assert client.post(reverse("staff:otp_verify"), {"token": code}).status_code == 302
    assert client.get(reverse("staff:home")).status_code == 200

    other = client.__class__()
    sign_in(other)
    replay = other.post(reverse("staff:otp_verify"), {"token": code})
    assert replay.status_code == 200
    assert "đã được dùng" in replay.content.decode()
    assert other.get(reverse("staff:home")).status_code == 302


def test_a_wrong_code_is_refused_and_audited(client, officer_a, otp_on):
    device = TOTPDevice.objects.create(user=officer_a, name="phone", confirmed=True)
    sign_in(client)
    wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
    response = client.post(reverse("staff:otp_verify"), {"token": wrong})
    assert response.status_code == 200
    assert client.get(reverse("staff:home")).status_code == 302
    assert AuditEntry.objects.filter(action="auth.otp_failed", actor=officer_a).exists()


def test_idle_session_ends_after_thirty_minutes(client, officer_a):
    sign_in(client)
    assert client.get(reverse("staff:home")).status_code == 200
    session = client.session
    session[SESSION_SEEN_AT] = time.time() - 31 * 60
    session.save()

    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))
    assert client.get(reverse("staff:home")).status_code == 302


def test_active_session_ends_after_twelve_hours(client, officer_a):
    sign_in(client)
    session = client.session
    session[SESSION_LOGIN_AT] = time.time() - 12 * 3600 - 60
    session.save()

    assert client.get(reverse("staff:home")).status_code == 302


def test_session_key_rotates_at_sign_in(client, officer_a):
    client.get(reverse("staff:login"))
    client.session.save()
    before = client.session.session_key
    sign_in(client)
    assert client.session.session_key != before


def test_deactivating_a_user_ends_their_sessions(client, officer_a):
    sign_in(client)
    assert client.get(reverse("staff:home")).status_code == 200
    officer_a.is_active = False
    officer_a.save()

    assert client.get(reverse("staff:home")).status_code == 302


def test_sign_ins_and_failures_are_audited_without_the_password(client, officer_a):
    sign_in(client, password="not-the-password")
    sign_in(client)

    failed = AuditEntry.objects.get(action="auth.login_failed")
    assert failed.data == {"username": "officer_a"}
    assert "not-the-password" not in str(failed.data)
    assert AuditEntry.objects.filter(action="auth.login", actor=officer_a).count() == 1


def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_404_and_403_on_staff_urls_are_audited(client, officer_a):
    client.force_login(officer_a)
    assert client.get("/staff/nothing-here/").status_code == 404
    entry = AuditEntry.objects.get(action="access.not_found")
    assert entry.actor == officer_a
    assert entry.data == {"path": "/staff/nothing-here/", "method": "GET"}


def test_public_404s_are_not_audited(client):
    assert client.get("/no-such-page/").status_code == 404
    assert not AuditEntry.objects.filter(action="access.not_found").exists()
