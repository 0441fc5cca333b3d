"""Registers and their numbers in the admin: open, read, add a register; never edit a number.

An administrator creates the register of a new year or series ahead of time (with the last
number already taken on paper, if any); its numbers are taken only by the portal
(``documents.numbering.take_number``) and nobody changes or deletes them here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dialogue_portal.lib.admin import PortalModelAdmin, PortalTabularInline
from dialogue_portal.lib.people import person_name

from .models import DocumentRegister, OutgoingDocument

DOCUMENT_FIELDS = [
    "number",
    "issued_on",
    "title",
    "signer_name",
    "signer_position",
    "reference",
    "taken_by",
    "created_at",
]


class ReadOnly:
    """Shown, never added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("number taken by"))
    def taken_by(self, obj) -> str:
        return person_name(obj.created_by)


class OutgoingDocumentInline(ReadOnly, PortalTabularInline):
    model = OutgoingDocument
    extra = 0
    fields = DOCUMENT_FIELDS
    readonly_fields = DOCUMENT_FIELDS
    ordering = ["-number"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(PortalModelAdmin):
    list_display = ["unit", "institution", "series", "year", "last_number"]
    list_filter = ["institution", "year", "symbol"]
    search_fields = ["unit__name", "unit__code", "symbol"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    fields = ["unit", "institution", "year", "symbol", "last_number"]
    inlines = [OutgoingDocumentInline]

    @admin.display(description=_("series"))
    def series(self, obj) -> str:
        return obj.series

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # a new register has no numbers yet

    def has_change_permission(self, request, obj=None):
        # A register's series and count are set once; its numbers move only by take_number.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(ReadOnly, PortalModelAdmin):
    list_display = ["label", "title", "issued_on", "signer_name", "reference", "taken_by"]
    list_filter = ["register__institution", "register__year", "register__symbol"]
    search_fields = ["title", "reference", "register__unit__name", "signer_name"]
    list_select_related = ["register__unit", "created_by"]
    date_hierarchy = "issued_on"
    fields = ["register", "label", *DOCUMENT_FIELDS]
    readonly_fields = fields

    @admin.display(description=_("number and symbol"))
    def label(self, obj) -> str:
        return obj.label
