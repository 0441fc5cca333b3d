"""Staff pages of the sessions app (mounted at /staff/sessions/)."""

from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("calendar/", views.session_calendar, name="calendar"),
    path("new/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_edit, name="edit"),
    path("<int:pk>/submit/", views.session_submit, name="submit"),
    path("<int:pk>/approve/", views.session_approve, name="approve"),
    path("<int:pk>/announce/", views.session_announce, name="announce"),
    path("<int:pk>/postpone/", views.session_postpone, name="postpone"),
    path("<int:pk>/cancel/", views.session_cancel, name="cancel"),
    path("<int:pk>/held/", views.session_record_held, name="record_held"),
    path("<int:pk>/files/", views.session_add_attachments, name="add_attachments"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/conclusions/", views.session_conclusions, name="conclusions"),
    path("<int:pk>/conclusions/issue/", views.session_issue_conclusions, name="issue_conclusions"),
    path("<int:pk>/conclusions/print/", views.conclusions_print, name="conclusions_print"),
    path("<int:pk>/conclusions/notice.docx", views.conclusions_docx, name="conclusions_docx"),
    path("<int:pk>/close/", views.session_close, name="close"),
]
