"""Staff sign-in with a second factor (TOTP), and sign-in auditing."""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import audit_record
from dialogue_portal.lib.forms import Form

from .otp import otp_url
from .policy import SESSION_LOGIN_AT, SESSION_SEEN_AT


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class StaffLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        now = timezone.now().timestamp()
        self.request.session[SESSION_LOGIN_AT] = now
        self.request.session[SESSION_SEEN_AT] = now
        audit_record(actor=form.get_user(), action="auth.login", ip_address=client_ip(self.request))
        if settings.OTP_REQUIRED:
            target = self.get_success_url()
            return redirect(f"{otp_url(form.get_user())}?next={target}")
        return response

    def form_invalid(self, form):
        username = (form.data.get("username") or "")[:150]
        audit_record(
            actor=None,
            action="auth.login_failed",
            data={"username": username},
            ip_address=client_ip(self.request),
        )
        return super().form_invalid(form)


class StaffLogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(actor=request.user, action="auth.logout", ip_address=client_ip(request))
        return super().post(request, *args, **kwargs)


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


class TokenForm(Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return token


MSG_WRONG_CODE = _(
    "That code is not right, or it was already used. Wait for the next code and try again."
)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("staff:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_safe_next(request))
        audit_record(actor=request.user, action="auth.otp_failed", ip_address=client_ip(request))
        form.add_error("token", MSG_WRONG_CODE)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("staff:otp_verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(
                actor=request.user, action="auth.otp_enrolled", ip_address=client_ip(request)
            )
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_safe_next(request))
        form.add_error("token", MSG_WRONG_CODE)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": secret,
            "next": _safe_next(request),
        },
    )
