import pytest

pytestmark = pytest.mark.django_db


def test_a_flood_from_one_address_gets_the_429_page(client, settings):
    settings.RATELIMIT_GLOBAL = "3/m"
    for _ in range(3):
        assert client.get("/", REMOTE_ADDR="198.51.100.9").status_code == 200

    blocked = client.get("/", REMOTE_ADDR="198.51.100.9")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    # Another address is not affected.
    assert client.get("/", REMOTE_ADDR="198.51.100.10").status_code == 200


def test_signed_in_staff_are_not_counted(client, settings, officer_a):
    settings.RATELIMIT_GLOBAL = "2/m"
    client.force_login(officer_a)
    for _ in range(5):
        assert client.get("/", REMOTE_ADDR="198.51.100.11").status_code == 200
