from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody, not even a superuser, can add, change or delete entries."""

    list_display = ["created_at", "actor_username", "action", "object_type", "object_repr", "unit"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "action", "object_repr", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["unit"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
