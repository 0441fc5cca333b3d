from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.admin import PortalModelAdmin, PortalTabularInline, SafeTextAdminMixin
from dialogue_portal.lib.collation import vietnamese_order
from dialogue_portal.lib.forms import SafeTextMixin
from dialogue_portal.lib.people import PERSON, full_name_of

from .models import Membership, Unit
from .services import name_person


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
        f"user__{PERSON}__full_name",
        "unit__name",
        "unit__code",
    ]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class _FullNameMixin(forms.Form):
    """One "Họ và tên", family name first, instead of Django's first/last name pair."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_("Family name first, as on the identity card: Nguyễn Văn Hải."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["full_name"].initial = full_name_of(self.instance)


class SafeUserChangeForm(SafeTextMixin, _FullNameMixin, UserChangeForm):
    """Django's user change form, with the portal's text rule and one full name."""


class SafeUserCreationForm(SafeTextMixin, _FullNameMixin, AdminUserCreationForm):
    """Django's user creation form, with the portal's text rule and one full name."""


@admin.register(User)
class UserAdmin(SafeTextAdminMixin, BaseUserAdmin):
    form = SafeUserChangeForm
    add_form = SafeUserCreationForm
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    list_select_related = [PERSON]
    search_fields = ["username", f"{PERSON}__full_name", "email"]
    ordering = [vietnamese_order(f"{PERSON}__sort_name"), "username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "email"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "full_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    @admin.display(description=_("Full name"), ordering=f"{PERSON}__sort_name")
    def full_name(self, obj) -> str:
        return full_name_of(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        name_person(obj, form.cleaned_data.get("full_name", ""))


@admin.register(Group)
class GroupAdmin(SafeTextAdminMixin, BaseGroupAdmin):
    pass


admin.site.site_header = _("Dialogue portal administration")
admin.site.site_title = _("Dialogue portal")
admin.site.index_title = _("Administration")
