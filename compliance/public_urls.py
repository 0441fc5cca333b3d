"""The public statistics page, mounted at /statistics/."""

from django.urls import path

from . import public_views

app_name = "public_compliance"

urlpatterns = [
    path("", public_views.index, name="index"),
]
