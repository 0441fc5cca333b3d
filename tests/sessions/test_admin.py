"""The Django admin for sessions and their rules."""

import pytest
from django.urls import reverse

from sessions.models import FrequencyRule
from tests.factories.sessions import make_session

pytestmark = pytest.mark.django_db


def test_admin_lists_sessions_with_filters_and_search(client, admin_user, ward_a):
    make_session(ward_a, "announced", topic="Đối thoại về chống ngập")
    make_session(ward_a, "draft", topic="Tiếp dân định kỳ")
    client.force_login(admin_user)
    url = reverse("admin:dialogue_sessions_dialoguesession_changelist")
    page = client.get(url, {"q": "chong ngap"}).content.decode()
    assert "Đối thoại về chống ngập" in page and "Tiếp dân định kỳ" not in page
    page = client.get(url, {"state__exact": "draft"}).content.decode()
    assert "Tiếp dân định kỳ" in page and "Đối thoại về chống ngập" not in page


def test_admin_session_page_shows_the_history_read_only(
    client, admin_user, ward_a, officer_a, head_a
):
    from sessions import services

    session = make_session(ward_a, "draft")
    services.session_approve(actor=head_a, session_id=session.pk, note="Đồng ý")
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:dialogue_sessions_dialoguesession_change", args=[session.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đồng ý" in page
    assert 'name="transitions-0-note"' not in page  # not editable
    assert not response.context["adminform"].form.fields.get(
        "state"
    )  # state changes only via services


def test_sessions_cannot_be_deleted_in_the_admin(client, admin_user, ward_a):
    session = make_session(ward_a)
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:dialogue_sessions_dialoguesession_delete", args=[session.pk])
    )
    assert response.status_code == 403


def test_rules_admin_shows_the_legal_basis(client, admin_user, seeded_rules):
    client.force_login(admin_user)
    page = client.get(reverse("admin:dialogue_sessions_frequencyrule_changelist")).content.decode()
    assert "Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 43" in page
    page = client.get(reverse("admin:dialogue_sessions_timingrule_changelist")).content.decode()
    assert "các loại buổi khác: chỉ tiêu nội bộ" in page
    rule = FrequencyRule.objects.first()
    response = client.get(reverse("admin:dialogue_sessions_frequencyrule_change", args=[rule.pk]))
    assert response.status_code == 200 and "legal_basis" in response.content.decode()
