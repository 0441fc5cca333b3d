from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.admin import PortalModelAdmin, PortalTabularInline, SafeTextAdminMixin
from dialogue_portal.lib.forms import SafeTextMixin

from .models import Membership, Unit


class MembershipInline(PortalTabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "position", "is_active"]


@admin.register(Unit)
class UnitAdmin(PortalModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active", "valid_from", "valid_to"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "search_name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "code", "kind", "parent"]}),
        (_("Validity"), {"fields": ["is_active", "valid_from", "valid_to"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Units are never deleted: old units become inactive so history keeps its meaning.
        return False


@admin.register(Membership)
class MembershipAdmin(PortalModelAdmin):
    list_display = ["user", "unit", "role", "position", "is_active", "created_at"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "unit__name",
        "unit__code",
    ]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class SafeUserChangeForm(SafeTextMixin, UserChangeForm):
    """Django's user change form, with the portal's text rule on names and e-mail."""


class SafeUserCreationForm(SafeTextMixin, AdminUserCreationForm):
    """Django's user creation form, with the portal's text rule."""


@admin.register(User)
class UserAdmin(SafeTextAdminMixin, BaseUserAdmin):
    form = SafeUserChangeForm
    add_form = SafeUserCreationForm
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_superuser"]


@admin.register(Group)
class GroupAdmin(SafeTextAdminMixin, BaseGroupAdmin):
    pass


admin.site.site_header = _("Dialogue portal administration")
admin.site.site_title = _("Dialogue portal")
admin.site.index_title = _("Administration")
