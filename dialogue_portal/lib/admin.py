"""The admin follows the portal's text rule too.

Every ModelAdmin or inline that lets someone edit a row derives from :class:`PortalModelAdmin`
or :class:`PortalTabularInline` (or mixes :class:`SafeTextAdminMixin` into Django's own
admin, or sets ``form`` to a subclass of ``dialogue_portal.lib.forms.ModelForm``): its text
fields then refuse control characters and turn pasted breaks into newlines, like every other
form of the portal. The change list's ``list_editable`` form gets the same base.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .forms import ModelForm


class SafeTextAdminMixin:
    """The add/change form and the change list's form derive from the portal's ModelForm."""

    form: type = ModelForm

    def get_changelist_form(self, request: Any, **kwargs: Any) -> type:
        kwargs.setdefault("form", self.form)
        return super().get_changelist_form(request, **kwargs)  # type: ignore[misc]


class PortalModelAdmin(SafeTextAdminMixin, admin.ModelAdmin):
    """The portal's base ModelAdmin."""


class PortalTabularInline(admin.TabularInline):
    """The portal's base tabular inline."""

    form = ModelForm
