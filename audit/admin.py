from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry


class ReadOnlyAdminMixin:
    """Nobody, not even a superuser, can add, change or delete these rows here."""

    def get_readonly_fields(self, request, obj=None):
        if self.fields:
            return list(self.fields)
        return [*(field.name for field in self.model._meta.fields), *self.readonly_fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    """A history table (``audit.history.HistoryEntry``) under its object, read-only.

    Shows the text registered for each action; add the model's own columns with
    ``fields``.
    """

    extra = 0
    can_delete = False
    fields = ["created_at", "actor_name", "what", "from_state", "to_state", "note"]
    ordering = ["created_at", "id"]

    @admin.display(description=_("what"))
    def what(self, obj) -> str:
        return obj.action_text


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor_username",
        "what",
        "action",
        "object_type",
        "object_repr",
        "unit",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "action", "object_repr", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["unit"]
    readonly_fields = ["what"]

    @admin.display(description=_("what"))
    def what(self, obj) -> str:
        return obj.action_text
