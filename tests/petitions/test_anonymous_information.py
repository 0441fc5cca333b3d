"""Anonymous information (Luật Tố cáo năm 2018 Điều 25): kept for inspection, counted
apart, read by heads, the inspection committee and city reviewers only."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from petitions import services
from petitions.models import AnonymousInformation, Concern
from tests.conftest import persona

pytestmark = pytest.mark.django_db


def info(unit):
    return services.anonymous_information_receive(
        unit=unit,
        content="Cán bộ địa chính nhận tiền để xác nhận hồ sơ đất ở khu phố 3",
        subject="Cán bộ địa chính phường",
        evidence="Biên nhận viết tay ngày 02/3",
    )


def test_it_is_kept_apart_from_concerns_without_any_identity(ward_a):
    item = info(ward_a)
    assert Concern.objects.count() == 0
    assert item.status == AnonymousInformation.Status.NEW
    entry = AuditEntry.objects.get(action="anonymous_information.received")
    assert entry.ip_address is None


@pytest.mark.parametrize("who,status", [("head_a", 200), ("reviewer", 200), ("officer_a", 404)])
def test_who_reads_the_list(client, ward_a, who, status):
    item = info(ward_a)
    client.force_login(persona(who))
    response = client.get(reverse("petitions:anonymous_list"))
    assert response.status_code == status
    if status == 200:
        assert item.reference.encode() in response.content


def test_another_wards_head_cannot_review_it(client, ward_a, ward_b, head_b):
    item = info(ward_a)
    client.force_login(head_b)
    url = reverse("petitions:anonymous_review", args=[item.pk])
    assert client.post(url, {"status": "used"}).status_code == 404
    assert AnonymousInformation.objects.get(pk=item.pk).status == "new"


def test_review_is_post_only_and_recorded(client, ward_a, city):
    item = info(ward_a)
    inspector = persona("inspection_a")
    client.force_login(inspector)
    url = reverse("petitions:anonymous_review", args=[item.pk])
    assert client.get(url).status_code == 405
    assert (
        client.post(url, {"status": "used", "note": "Đưa vào kế hoạch kiểm tra"}).status_code == 302
    )
    item.refresh_from_db()
    assert (item.status, item.reviewed_by) == ("used", inspector)
    page = client.get(reverse("petitions:anonymous_list")).content.decode()
    assert 'data-status="used">1<' in page
