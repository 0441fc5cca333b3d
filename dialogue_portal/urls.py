"""Root URLs: the public front, the staff back office under /staff/, and the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.i18n import set_language

from accounts import views as account_views

from . import views

staff_patterns = [
    path("", views.staff_home, name="home"),
    path("login/", account_views.StaffLoginView.as_view(), name="login"),
    path("logout/", account_views.StaffLogoutView.as_view(), name="logout"),
    path("login/code/", account_views.otp_verify, name="otp_verify"),
    path("login/code/setup/", account_views.otp_setup, name="otp_setup"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("staff:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("staff:password_reset_done"),
            email_template_name="emails/password_reset.txt",
            subject_template_name="emails/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("staff:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("staff/", include((staff_patterns, "staff"))),
    path("staff/sessions/", include("sessions.urls")),
    path("staff/concerns/", include("petitions.urls")),
    path("staff/compliance/", include("compliance.urls")),
    path("sessions/", include("sessions.public_urls")),
    path("concerns/", include("petitions.public_urls")),
    path("statistics/", include("compliance.public_urls")),
    path("admin/", admin.site.urls),
]
if settings.BENCH_BASELINE:
    # The benchmark's bare-Django yardstick (see dialogue_portal/baseline.py); off by default.
    from . import baseline

    urlpatterns.append(path("bench/baseline/", baseline.baseline, name="bench_baseline"))
# Uploaded files are never served from a public URL: staff download them through scoped
# views that check the user's units (see the sessions and petitions apps).
