"""Where a signed-in staff member goes for the second factor."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice


def otp_url(user) -> str:
    """The code page when ``user`` has a confirmed authenticator, else its set-up page."""
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return reverse("staff:otp_verify" if has_device else "staff:otp_setup")
