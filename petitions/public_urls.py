"""Public pages of the petitions app (no login)."""

app_name = "public_petitions"

urlpatterns: list = []
