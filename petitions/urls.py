"""Staff pages of the petitions app."""

app_name = "petitions"

urlpatterns: list = []
