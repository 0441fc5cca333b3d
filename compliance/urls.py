"""Staff pages of the compliance app, mounted at /staff/compliance/."""

from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("", views.city, name="city"),
    path("my-unit/", views.my_unit, name="my_unit"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("items/", views.items, name="items"),
    path("trends/", views.trends, name="trends"),
    path("report/", views.report, name="report"),
    path("report/register/", views.report_register, name="report_register"),
    path("report.docx", views.report_docx, name="report_docx"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("report.csv", views.report_csv, name="report_csv"),
]
