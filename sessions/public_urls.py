"""Public pages of the sessions app (no login)."""

app_name = "public_sessions"

urlpatterns: list = []
