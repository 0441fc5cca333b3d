"""Staff pages of the sessions app."""

app_name = "sessions"

urlpatterns: list = []
