"""Public pages of the sessions app (no login; mounted at /sessions/)."""

from django.urls import path

from . import public_views

app_name = "public_sessions"

urlpatterns = [
    path("", public_views.upcoming, name="upcoming"),
    path("past/", public_views.past, name="past"),
    path("calendar.ics", public_views.feed_city, name="feed_city"),
    path("unit/<str:code>/calendar.ics", public_views.feed_unit, name="feed_unit"),
    path("<str:public_id>/", public_views.detail, name="detail"),
    path("<str:public_id>/calendar.ics", public_views.session_ics, name="ics"),
]
