"""The shared-cache rate limiter and its HTTP 429 page."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from dialogue_portal.lib.ratelimit import client_key, hit, parse_rate, ratelimit


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.RATELIMIT_TEST = "3/m"  # the test view's rate, read at request time
    cache.clear()
    yield
    cache.clear()


@ratelimit("test_scope", setting="RATELIMIT_TEST")
def limited_view(request):
    return HttpResponse("ok")


def _post(ip="203.0.113.7", **data):
    request = RequestFactory().post("/x/", data, REMOTE_ADDR=ip)
    return limited_view(request)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("5/10m", (5, 600)),
        ("20/m", (20, 60)),
        ("100/h", (100, 3600)),
        ("1/30s", (1, 30)),
        ("7 / 2d", (7, 172800)),
    ],
)
def test_rates_are_read_from_text(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "5", "five/m", "5/10y", "0/m", "5/0m"])
def test_a_bad_rate_is_refused(rate):
    with pytest.raises(ValueError):
        parse_rate(rate)


def test_requests_within_the_limit_pass_and_the_next_one_is_blocked():
    verdicts = [hit("s", "k", limit=3, period=60, now=1000.0) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert [v.count for v in verdicts] == [1, 2, 3, 4]


def test_retry_after_counts_to_the_end_of_the_window():
    verdict = hit("s", "k", limit=1, period=600, now=6000.0 + 150)
    assert verdict.retry_after == 450


def test_a_new_window_starts_from_zero():
    for _ in range(3):
        hit("s", "k", limit=3, period=60, now=1000.0)
    assert not hit("s", "k", limit=3, period=60, now=1010.0).allowed
    assert hit("s", "k", limit=3, period=60, now=1020.0).allowed  # 1020 // 60 is the next window


def test_scopes_and_clients_are_counted_separately():
    for _ in range(3):
        hit("submit", "a", limit=3, period=60, now=1000.0)
    assert hit("lookup", "a", limit=3, period=60, now=1000.0).allowed
    assert hit("submit", "b", limit=3, period=60, now=1000.0).allowed
    assert not hit("submit", "a", limit=3, period=60, now=1000.0).allowed


def test_a_blocked_post_gets_the_429_page_with_retry_after():
    for _ in range(3):
        assert _post().status_code == 200
    response = _post(name="Nguyễn Văn Bí Mật")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.content.decode()
    assert "<h1" in body
    assert "Bí Mật" not in body  # nothing the visitor sent is echoed


def test_another_address_is_not_blocked():
    for _ in range(4):
        _post(ip="203.0.113.7")
    assert _post(ip="198.51.100.1").status_code == 200


def test_get_requests_are_not_counted():
    request_factory = RequestFactory()
    for _ in range(10):
        assert (
            limited_view(request_factory.get("/x/", REMOTE_ADDR="203.0.113.7")).status_code == 200
        )
    assert _post().status_code == 200


@override_settings(RATELIMIT_TEST="1/m")
def test_the_limit_comes_from_settings_at_request_time():
    assert _post().status_code == 200
    assert _post().status_code == 429


def test_ipv6_addresses_in_the_same_64_network_share_a_bucket():
    def key(ip):
        return client_key(RequestFactory().get("/", REMOTE_ADDR=ip))

    assert key("2001:db8:1:2::1") == key("2001:db8:1:2:ffff::9")
    assert key("2001:db8:1:2::1") != key("2001:db8:1:3::1")
    assert key("::ffff:203.0.113.7") == key("203.0.113.7")
    assert key("203.0.113.7") != key("203.0.113.8")


def test_the_client_key_does_not_contain_the_address():
    assert "203" not in client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.7"))


def test_forwarded_headers_are_ignored():
    for n in range(4):
        request = RequestFactory().post(
            "/x/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}", REMOTE_ADDR="203.0.113.7"
        )
        response = limited_view(request)
    assert response.status_code == 429


def test_a_view_without_a_rate_is_a_programming_error():
    with pytest.raises(TypeError):
        ratelimit("x")
