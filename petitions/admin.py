"""Administrators' view of concerns: rules, categories, answer templates; concerns read-mostly.

The staff pages are where the work happens: concerns change only through the services,
so the admin shows them read-only, with their history inline. A denunciation's
submitter is not shown here either.
"""

from django.contrib import admin

from audit.admin import HistoryInline, ReadOnlyAdminMixin
from dialogue_portal.lib.admin import PortalModelAdmin

from .models import (
    AnswerTemplate,
    AnswerVersion,
    Category,
    Concern,
    ConcernRule,
    ConcernTransition,
    ConcernType,
    DigestSent,
    Extension,
    FollowUpCommitment,
    Pause,
    Reconsideration,
)

SUBMITTER_FIELDS = (
    "submitter_name",
    "submitter_phone",
    "submitter_email",
    "submitter_address",
    "consent_given_at",
)


@admin.register(Category)
class CategoryAdmin(PortalModelAdmin):
    list_display = ("name", "ordering", "is_active")
    list_editable = ("ordering", "is_active")
    search_fields = ("name",)


@admin.register(ConcernRule)
class ConcernRuleAdmin(PortalModelAdmin):
    list_display = (
        "type",
        "acknowledge_days",
        "answer_days",
        "answer_in_working_days",
        "complex_days",
        "citizen_window_days",
        "needs_head_approval",
        "max_extensions",
    )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(PortalModelAdmin):
    list_display = ("title", "type", "unit", "is_active")
    list_filter = ("type", "is_active")
    search_fields = ("title", "body")
    autocomplete_fields = ("unit",)


class TransitionInline(HistoryInline):
    model = ConcernTransition
    fields = [*HistoryInline.fields, "is_public", "public_note"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommitmentInline(ReadOnlyInline):
    model = FollowUpCommitment
    fields = ("what", "who", "due", "done_at", "done_note")


class ExtensionInline(ReadOnlyInline):
    model = Extension
    fields = ("old_due", "new_due", "status", "reason", "requested_by", "approved_by")


class PauseInline(ReadOnlyInline):
    model = Pause
    fields = ("started_at", "ended_at", "reason")


class AnswerVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Every answer given, as it was: never changed nor deleted, here or anywhere."""

    model = AnswerVersion
    fk_name = "concern"
    extra = 0
    can_delete = False
    fields = (
        "number",
        "status",
        "public_text",
        "verdict",
        "drafted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "return_note",
        "signer_position",
        "published_at",
        "superseded_at",
    )
    ordering = ("number",)


class ReconsiderationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Reconsideration
    extra = 0
    can_delete = False
    fields = (
        "answer_version",
        "requested_by_name",
        "requested_at",
        "reasons",
        "status",
        "response",
        "responded_by",
        "responded_at",
    )


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = (
        "tracking_code",
        "unit",
        "addressed_to",
        "type",
        "channel",
        "state",
        "received_at",
        "due_at",
        "dispute_count",
    )
    list_filter = ("addressed_to", "state", "type", "channel", "category", "organisation")
    search_fields = ("tracking_code", "search_text")
    date_hierarchy = "received_at"
    list_select_related = ("unit",)
    inlines = (
        TransitionInline,
        AnswerVersionInline,
        ReconsiderationInline,
        CommitmentInline,
        ExtensionInline,
        PauseInline,
    )

    def get_fields(self, request, obj=None):
        fields = [
            f.name for f in Concern._meta.concrete_fields if f.name not in ("id", "search_text")
        ]
        if obj is not None and obj.type == ConcernType.DENUNCIATION:
            fields = [f for f in fields if f not in SUBMITTER_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ("unit", "digest_date", "sent_at", "recipients", "due_soon", "overdue")
    list_filter = ("digest_date",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
