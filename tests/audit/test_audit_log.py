import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_an_entry_records_actor_action_object_and_unit(officer_a, ward_a):
    entry = audit_record(
        actor=officer_a, action="unit.viewed", obj=ward_a, unit=ward_a, data={"n": 1}
    )

    entry.refresh_from_db()
    assert entry.actor_username == "officer_a"
    assert entry.object_type == "units.unit"
    assert entry.object_id == str(ward_a.pk)
    assert entry.unit == ward_a
    assert entry.data == {"n": 1}


def test_passwords_tokens_codes_and_contacts_never_reach_the_log(officer_a):
    entry = audit_record(
        actor=officer_a,
        action="test",
        data={"password": "x", "nested": {"api_token": "y", "phone": "0901234567"}, "ok": "z"},
    )
    entry.refresh_from_db()
    assert entry.data == {
        "password": "[removed]",
        "nested": {"api_token": "[removed]", "phone": "[removed]"},
        "ok": "z",
    }


def test_entries_cannot_be_changed_or_deleted(officer_a):
    entry = audit_record(actor=officer_a, action="test")

    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test"


def test_admin_shows_the_log_read_only(client, admin_user, officer_a):
    entry = audit_record(actor=officer_a, action="test")
    client.force_login(admin_user)

    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    detail = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert b'name="action"' not in detail.content
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
