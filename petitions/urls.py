"""Staff pages of the petitions app, mounted at /staff/concerns/."""

from django.urls import path

from . import document_views, feedback_views, identity_views, session_views, views

app_name = "petitions"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("intake/", views.intake, name="intake"),
    path("personal-data/", views.personal_data, name="personal_data"),
    path("personal-data/export/", views.personal_data_export, name="personal_data_export"),
    path("personal-data/erase/", views.personal_data_erase, name="personal_data_erase"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/accept/", views.act, {"action": "accept"}, name="accept"),
    path("<int:pk>/assign/", views.act, {"action": "assign"}, name="assign"),
    path("<int:pk>/refer/", views.act, {"action": "refer"}, name="refer"),
    path("<int:pk>/transfer-body/", views.act, {"action": "transfer_body"}, name="transfer_body"),
    path("<int:pk>/decline/", views.act, {"action": "decline"}, name="decline"),
    path("<int:pk>/merge/", views.act, {"action": "merge"}, name="merge"),
    path("<int:pk>/withdraw/", views.act, {"action": "withdraw"}, name="withdraw"),
    path("<int:pk>/answer/", views.act, {"action": "answer_save"}, name="answer_save"),
    path("<int:pk>/answer/submit/", views.act, {"action": "answer_submit"}, name="answer_submit"),
    path(
        "<int:pk>/answer/approve/", views.act, {"action": "answer_approve"}, name="answer_approve"
    ),
    path("<int:pk>/answer/return/", views.act, {"action": "answer_return"}, name="answer_return"),
    path("<int:pk>/close/", views.act, {"action": "close"}, name="close"),
    # identity: changing the type; who saw a denunciator; anonymous information.
    path("<int:pk>/reclassify/", views.act, {"action": "reclassify"}, name="reclassify"),
    path(
        "<int:pk>/reclassification-report/",
        identity_views.reclassification_report,
        name="reclassification_report",
    ),
    path("anonymous/", identity_views.anonymous_list, name="anonymous_list"),
    path(
        "anonymous/<int:pk>/review/",
        identity_views.anonymous_review,
        name="anonymous_review",
    ),
    path(
        "<int:pk>/reconsider/",
        views.act,
        {"action": "reconsider_request"},
        name="reconsider_request",
    ),
    path(
        "<int:pk>/reconsider/respond/",
        views.act,
        {"action": "reconsider_respond"},
        name="reconsider_respond",
    ),
    path("<int:pk>/commitments/", views.act, {"action": "commitment_add"}, name="commitment_add"),
    path(
        "<int:pk>/commitments/<int:commitment_pk>/done/",
        views.act,
        {"action": "commitment_done"},
        name="commitment_done",
    ),
    path(
        "<int:pk>/extension/", views.act, {"action": "extension_request"}, name="extension_request"
    ),
    path(
        "<int:pk>/extension/<int:extension_pk>/decide/",
        views.act,
        {"action": "extension_decide"},
        name="extension_decide",
    ),
    path("<int:pk>/pause/", views.act, {"action": "pause_start"}, name="pause_start"),
    path("<int:pk>/resume/", views.act, {"action": "pause_end"}, name="pause_end"),
    path("<int:pk>/notes/", views.act, {"action": "note_add"}, name="note_add"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    # Complaints (Luật Khiếu nại năm 2011).
    path(
        "<int:pk>/complaint/accept/",
        views.act,
        {"action": "complaint_accept"},
        name="complaint_accept",
    ),
    path(
        "<int:pk>/complaint/refuse/",
        views.act,
        {"action": "complaint_refuse"},
        name="complaint_refuse",
    ),
    path(
        "<int:pk>/complaint/dialogue/",
        views.act,
        {"action": "complaint_dialogue"},
        name="complaint_dialogue",
    ),
    path(
        "<int:pk>/complaint/decide/",
        views.act,
        {"action": "complaint_decide"},
        name="complaint_decide",
    ),
    # Denunciations (Luật Tố cáo năm 2018).
    path(
        "<int:pk>/denunciation/accept/",
        views.act,
        {"action": "denunciation_accept"},
        name="denunciation_accept",
    ),
    path(
        "<int:pk>/denunciation/refuse/",
        views.act,
        {"action": "denunciation_refuse"},
        name="denunciation_refuse",
    ),
    path(
        "<int:pk>/denunciation/transfer/",
        views.act,
        {"action": "denunciation_transfer"},
        name="denunciation_transfer",
    ),
    path(
        "<int:pk>/denunciation/suspend/",
        views.act,
        {"action": "denunciation_suspend"},
        name="denunciation_suspend",
    ),
    path(
        "<int:pk>/denunciation/resume/",
        views.act,
        {"action": "denunciation_resume"},
        name="denunciation_resume",
    ),
    path(
        "<int:pk>/denunciation/withdrawal/",
        views.act,
        {"action": "denunciation_withdrawal"},
        name="denunciation_withdrawal",
    ),
    path(
        "<int:pk>/denunciation/conclude/",
        views.act,
        {"action": "denunciation_conclude"},
        name="denunciation_conclude",
    ),
    # Documents of a concern (complaints helper): print and .docx.
    path("documents/<int:pk>/", document_views.document_print, name="document_print"),
    path("documents/<int:pk>/docx/", document_views.document_docx, name="document_docx"),
    # Pages of the other petitions engineer (opinions at a session, 936 feedback).
    path(
        "session/<int:session_pk>/opinions/",
        session_views.session_opinions,
        name="session_opinions",
    ),
    path("feedback/", feedback_views.feedback_list, name="feedback_list"),
    path("feedback/new/", feedback_views.feedback_create, name="feedback_create"),
]
