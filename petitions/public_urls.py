"""Public pages of the petitions app (no login), mounted at /concerns/."""

from django.urls import path

from . import denunciation_public_views, public_views

app_name = "public_petitions"

urlpatterns = [
    path("new/", public_views.submit, name="submit"),
    path("new/sent/", public_views.submitted, name="submitted"),
    path("status/", public_views.lookup, name="lookup"),
    path("status/view/", public_views.status, name="status"),
    path("status/accept/", public_views.accept, name="accept"),
    path("status/dispute/", public_views.dispute, name="dispute"),
    path("status/done/", public_views.forget, name="forget"),
    path(
        "status/second-complaint/",
        public_views.second_complaint,
        name="second_complaint",
    ),
    path(
        "denunciations/conclusions/",
        denunciation_public_views.conclusions,
        name="denunciation_conclusions",
    ),
]
