"""The admin and the sign-in's code form follow the text rule of every other form.

A control character typed or pasted into the admin (a unit's name, a category, a calendar
day) is refused with the portal's message; Word's pasted breaks become newlines.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.views import TokenForm
from dialogue_portal.lib.forms import SafeTextMixin
from dialogue_portal.lib.text import MSG_CONTROL_CHARACTERS
from petitions.models import Category
from units.models import Unit
from workcalendar.models import CalendarDay

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "auth",
    "units",
    "audit",
    "accounts",
    "workcalendar",
    "dialogue_sessions",
    "documents",
    "petitions",
    "compliance",
    "demo",
}


@pytest.fixture
def staff_admin(english, admin_user):
    english.force_login(admin_user)
    return english


def refused(response, field: str) -> None:
    """The form came back with the rule's message on ``field`` (ESC named as U+001B)."""
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [e.code for e in form.errors.as_data()[field]] == ["control_characters"]
    message = str(MSG_CONTROL_CHARACTERS) % {"characters": "U+001B"}
    assert message in response.content.decode()


def test_every_admin_that_edits_rows_guards_its_text(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    editable, unguarded = [], []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        forms = []
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            generated = model_admin.get_form(request)
            if generated.base_fields:  # else every field is read-only: nothing to type into
                forms += [generated, model_admin.form, getattr(model_admin, "add_form", generated)]
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                form = inline.get_formset(request).form
                forms += [form] if form.base_fields else []
        editable += forms
        unguarded += [
            f"{model.__name__}: {form.__module__}.{form.__name__}"
            for form in forms
            if not issubclass(form, SafeTextMixin)
        ]
    assert len(editable) > 15
    assert unguarded == []


def test_a_unit_renamed_with_an_escape_character_is_refused(staff_admin, ward_a, city):
    url = reverse("admin:units_unit_change", args=[ward_a.pk])
    data = {
        "name": "Phường Bến\x1b[31m Thành",
        "code": ward_a.code,
        "kind": ward_a.kind,
        "parent": str(city.pk),
        "is_active": "on",
        "valid_from": "",
        "valid_to": "",
    }

    refused(staff_admin.post(url, data), "name")

    assert Unit.objects.get(pk=ward_a.pk).name == "Phường Bến Thành"


def test_a_category_with_an_escape_character_is_refused(staff_admin):
    url = reverse("admin:petitions_category_add")
    data = {"name": "Môi trường\x1b", "ordering": "5", "is_active": "on"}

    refused(staff_admin.post(url, data), "name")

    assert not Category.objects.filter(name__startswith="Môi trường\x1b").exists()


def test_a_calendar_day_with_an_escape_character_is_refused(staff_admin):
    url = reverse("admin:workcalendar_calendarday_add")
    data = {"date": "07/03/2031", "kind": "day_off", "name": "Nghỉ bù\x1b", "legal_basis": ""}

    refused(staff_admin.post(url, data), "name")

    assert not CalendarDay.objects.exists()


def test_a_calendar_day_pasted_from_word_is_saved_with_newlines(staff_admin):
    url = reverse("admin:workcalendar_calendarday_add")
    data = {
        "date": "07/03/2031",
        "kind": "day_off",
        "name": "Nghỉ bù Quốc khánh",
        "legal_basis": "Thông báo\x0b123/TB-BNV",
    }

    response = staff_admin.post(url, data)

    assert response.status_code == 302
    assert CalendarDay.objects.get().legal_basis == "Thông báo\n123/TB-BNV"


def test_the_sign_in_code_form_refuses_control_characters():
    assert issubclass(TokenForm, SafeTextMixin)
    form = TokenForm(data={"token": "12\x1b456"})

    assert not form.is_valid()
    assert "control_characters" in [e.code for e in form.errors.as_data()["token"]]
    assert TokenForm(data={"token": "123456"}).is_valid()
