from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.admin import HistoryInline
from dialogue_portal.lib.admin import PortalModelAdmin

from .models import (
    DialogueSession,
    FrequencyRule,
    ReminderSent,
    SessionAttachment,
    SessionTransition,
    TimingRule,
)


class SessionTransitionInline(HistoryInline):
    """The history, read-only: rows are written by the services only."""

    model = SessionTransition


class SessionAttachmentInline(admin.TabularInline):
    model = SessionAttachment
    extra = 0
    can_delete = False
    fields = ["kind", "original_name", "content_kind", "size", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DialogueSession)
class DialogueSessionAdmin(PortalModelAdmin):
    """Administrators look and correct data; state changes belong to the staff pages."""

    list_display = [
        "topic",
        "unit",
        "kind",
        "state",
        "planned_start",
        "is_late_notice",
        "conclusions_due",
    ]
    list_filter = [
        "state",
        "kind",
        "format",
        "is_late_notice",
        "unit__kind",
        ("planned_start", admin.DateFieldListFilter),
    ]
    search_fields = [
        "topic",
        "place",
        "search_text",
        "unit__name",
        "unit__code",
        "public_id",
        "conclusions_number",
    ]
    date_hierarchy = "planned_start"
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    inlines = [SessionTransitionInline, SessionAttachmentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "public_id",
        "state",
        "version",
        "sequence",
        "submitted_at",
        "approved_at",
        "approved_by",
        "announced_at",
        "notice_working_days",
        "is_late_notice",
        "late_notice_reason",
        "cancelled_at",
        "held_recorded_at",
        "conclusions_due",
        "conclusions_issued_at",
        "closed_at",
        "created_at",
        "created_by",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "unit",
                    "public_id",
                    "kind",
                    "topic",
                    "description",
                    "state",
                    "version",
                    "sequence",
                ]
            },
        ),
        (
            _("When and where"),
            {"fields": ["planned_start", "planned_end", "format", "place", "online_link"]},
        ),
        (
            _("Hosts and participants"),
            {
                "fields": [
                    "hosts",
                    "party_secretary_name",
                    "chair_name",
                    "delegate_name",
                    "delegate_position",
                    "co_organisers",
                    "other_co_organisers",
                    "target_audience",
                    "expected_attendance",
                    "how_to_take_part",
                ]
            },
        ),
        (
            _("Approval and announcement"),
            {
                "fields": [
                    "submitted_at",
                    "approved_at",
                    "approved_by",
                    "announced_at",
                    "notice_working_days",
                    "is_late_notice",
                    "late_notice_reason",
                    "postponed_reason",
                    "cancelled_reason",
                    "cancelled_at",
                ]
            },
        ),
        (
            _("Held"),
            {
                "fields": [
                    "actual_start",
                    "actual_end",
                    "chaired_by_role",
                    "chaired_by_name",
                    "attendance_count",
                    "bodies_present",
                    "minutes_text",
                    "recording_link",
                    "held_recorded_at",
                ]
            },
        ),
        (
            _("Conclusions"),
            {
                "fields": [
                    "conclusions_due",
                    "conclusions_number",
                    "conclusions_date",
                    "conclusions_signer_name",
                    "conclusions_signer_position",
                    "conclusions_text",
                    "conclusions_issued_at",
                    "closed_at",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "created_by", "updated_at"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Sessions are records of public duties: cancel them, never delete them.
        return False


@admin.register(FrequencyRule)
class FrequencyRuleAdmin(PortalModelAdmin):
    list_display = [
        "unit_level",
        "session_kind",
        "host",
        "minimum",
        "target",
        "period",
        "legal_basis",
        "is_active",
    ]
    list_filter = ["unit_level", "session_kind", "period", "is_active"]
    search_fields = ["legal_basis", "note"]
    fields = [
        "unit_level",
        "session_kind",
        "host",
        "period",
        "minimum",
        "target",
        "legal_basis",
        "note",
        "is_active",
    ]


@admin.register(TimingRule)
class TimingRuleAdmin(PortalModelAdmin):
    list_display = ["kind", "session_kind", "days", "working_days", "legal_basis"]
    list_filter = ["kind", "working_days"]
    search_fields = ["legal_basis", "note"]
    fields = ["kind", "session_kind", "days", "working_days", "legal_basis", "note"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["session", "kind", "about_date", "recipients", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["session"]
    readonly_fields = ["session", "kind", "about_date", "recipients", "sent_at"]

    def has_add_permission(self, request):
        return False
