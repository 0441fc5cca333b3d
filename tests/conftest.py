"""Shared fixtures: the personas every permission test speaks of.

- ``city``: the city unit; ``ward_a`` and ``ward_b``: two wards under it.
- ``officer_a`` / ``officer_b``: ward officers of ward A / B.
- ``head_a``: unit head of ward A.
- ``reviewer``: committee office reviewer at city level (sees the whole city).
- ``mttq_a``: Fatherland Front liaison of ward A.
- ``admin_user``: administrator (superuser).
- the anonymous citizen is Django's plain ``client``.

And what every test gets without asking: MD5 password hashing and a temporary media folder
for the whole run, the portal's language, an empty cache and working-day calendar, a steady
rate-limit clock, and the migrations' reference rows after a transactional flush. Tests
marked ``postgres`` are skipped on SQLite, ``browser`` ones where Chromium is missing;
``slow`` ones are left out by ``make test-fast``.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import translation

from tests.factories import PASSWORD, make_member, make_unit
from units.models import Role, Unit

# Tests hash passwords with MD5: fast, and ``check_password`` still tells right from wrong.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The personas' units and people. A fixture gets its persona from the database when a shared
# dataset of the module (``tests/shared_rows.py``) already made it, and makes it otherwise.
UNITS = {
    "city": {"name": "Thành phố Hồ Chí Minh", "kind": Unit.Kind.CITY, "code": "79"},
    "ward_a": {"name": "Phường Bến Thành", "kind": Unit.Kind.WARD, "code": "26743"},
    "ward_b": {"name": "Xã Cần Giờ", "kind": Unit.Kind.COMMUNE, "code": "27673"},
}
PEOPLE = {  # username: (unit, role, full name)
    # Officers of the office of HĐND and UBND, and the Chủ tịch UBND, of each ward.
    "officer_a": ("ward_a", Role.WARD_OFFICER, "Trần Văn An"),
    "officer_b": ("ward_b", Role.WARD_OFFICER, "Lê Thị Bình"),
    "head_a": ("ward_a", Role.CHAIR, "Phạm Minh Hùng"),
    "head_b": ("ward_b", Role.CHAIR, "Võ Minh Dũng"),
    # The Party committee of ward A, a Phó Chủ tịch UBND, a Thường trực HĐND.
    "secretary_a": ("ward_a", Role.PARTY_SECRETARY, "Nguyễn Văn Hải"),
    "party_officer_a": ("ward_a", Role.PARTY_OFFICER, "Đỗ Thị Thu"),
    "vice_chair_a": ("ward_a", Role.VICE_CHAIR, "Hoàng Văn Phúc"),
    "council_a": ("ward_a", Role.COUNCIL_STANDING, "Bùi Thị Ngọc"),
    "reviewer": ("city", Role.REVIEWER, "Huỳnh Thị Lan"),
    "mttq_a": ("ward_a", Role.MTTQ_LIAISON, "Lê Thị Mai"),
    # City level: the Chủ tịch UBND Thành phố and an officer of the city's citizen-reception
    # office (they resolve denunciations of a ward's heads); ward A's inspection committee.
    "city_chair": ("city", Role.CHAIR, "Tạ Quang Vinh"),
    "city_officer": ("city", Role.WARD_OFFICER, "Trịnh Thị Hạnh"),
    "inspection_a": ("ward_a", Role.INSPECTION_CHAIR, "Lâm Văn Tài"),
}


def persona(name: str):
    """The unit or user of the persona ``name`` (a key of ``UNITS`` or ``PEOPLE``)."""
    if name in UNITS:
        fields = UNITS[name]
        parent = None if name == "city" else persona("city")
        return Unit.objects.filter(code=fields["code"]).first() or make_unit(
            parent=parent, **fields
        )
    unit, role, full_name = PEOPLE[name]
    existing = get_user_model().objects.filter(username=name).first()
    return existing or make_member(persona(unit), role, username=name, full_name=full_name)


@pytest.fixture
def city(db):
    return persona("city")


@pytest.fixture
def ward_a(city):
    return persona("ward_a")


@pytest.fixture
def ward_b(city):
    return persona("ward_b")


@pytest.fixture
def officer_a(ward_a):
    return persona("officer_a")


@pytest.fixture
def officer_b(ward_b):
    return persona("officer_b")


@pytest.fixture
def head_a(ward_a):
    return persona("head_a")


@pytest.fixture
def head_b(ward_b):
    return persona("head_b")


@pytest.fixture
def secretary_a(ward_a):
    return persona("secretary_a")


@pytest.fixture
def party_officer_a(ward_a):
    return persona("party_officer_a")


@pytest.fixture
def vice_chair_a(ward_a):
    return persona("vice_chair_a")


@pytest.fixture
def council_a(ward_a):
    return persona("council_a")


@pytest.fixture
def reviewer(city):
    return persona("reviewer")


@pytest.fixture
def mttq_a(ward_a):
    return persona("mttq_a")


@pytest.fixture
def clock():
    """Travel in time (``clock.to(2020, 1, 10)``): services record events on those dates."""
    from tests.compliance.clock import Clock

    travelling = Clock()
    yield travelling
    travelling.stop()


def make_admin():
    """The administrator (superuser) of the ``admin_user`` fixture."""
    return get_user_model().objects.create_superuser(
        username="admin", password=PASSWORD, email="admin@example.test"
    )


@pytest.fixture
def admin_user(db):
    return make_admin()


@pytest.fixture
def english(client, settings):
    """The client reads the pages in English (the language switch's cookie), the source
    language, so tests can compare with the message constants they import."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def persona_client(client, request):
    """A client logged in as the persona fixture named by the test's parameter."""

    def login(name: str | None):
        if name is None:
            return client
        user = request.getfixturevalue(name)
        client.force_login(user)
        return client

    return login


def _needs_postgresql(why: str) -> str:
    return f"needs PostgreSQL (set DATABASE_URL=postgres://...): {why}"


def _skip_postgres_marked(items) -> None:
    """``@pytest.mark.postgres(reason="...")`` tests are skipped, with their reason, unless the
    suite runs on PostgreSQL (CI runs them there); skipped before any of their fixtures runs,
    so no database is set up or flushed for a test that cannot run."""
    if connection.vendor == "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("postgres")
        if marker is not None:
            why = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=_needs_postgresql(why or "PostgreSQL only")))


# --- Browser tests -------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
# The live server runs in a thread; the ORM refuses that next to Playwright's loop otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(config, items):
    _skip_postgres_marked(items)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the browser tests, but {CHROMIUM} is missing.")
    reason = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    print(f"\nSkipping browser tests: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session", autouse=True)
def _fast_passwords_and_temporary_media(tmp_path_factory):
    """For the whole run, before any fixture of any scope makes a user or a file:

    - passwords hash with MD5 (Django's PBKDF2 takes 0.27 s a user; login still checks them);
    - uploads go to this worker's own temporary folder, never into ``var/media`` (also for
      commands run in a subprocess, through ``DJANGO_MEDIA_ROOT``).
    """
    from django.test.utils import override_settings

    media = tmp_path_factory.mktemp("media")
    previous = os.environ.get("DJANGO_MEDIA_ROOT")
    os.environ["DJANGO_MEDIA_ROOT"] = str(media)
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=str(media)):
        yield media
    if previous is None:
        os.environ.pop("DJANGO_MEDIA_ROOT", None)
    else:
        os.environ["DJANGO_MEDIA_ROOT"] = previous


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in the portal's language. A request through LocaleMiddleware leaves
    its language active in this thread, and the next test would otherwise inherit it (and,
    say, compare a Vietnamese message from another thread with an English one)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and cached pages reset."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _steady_rate_limit_window(monkeypatch):
    """Rate limits count in fixed windows (a minute, ten minutes…). A test that sends N+1
    requests must not see the window roll over between them on a slow machine, so the
    limiter's clock stands still at the start of a window during a test."""
    import types

    from dialogue_portal.lib import ratelimit

    frozen = 1_800_000_000.0  # a multiple of every window the settings use (60, 600, 3600)
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: frozen))


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar():
    """A rolled-back test leaves no admin-entered calendar days in the process cache."""
    from workcalendar.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


def seed_reference_data() -> None:
    """The rows the data migrations seed (rules, categories), put back if missing."""
    from importlib import import_module

    from django.apps import apps

    for module in (
        "sessions.migrations.0002_seed_rules",
        "petitions.migrations.0002_seed_categories_and_rules",
    ):
        import_module(module).seed(apps, None)
    # The statutory clocks of complaints and denunciations, set on the seeded rules.
    import_module("petitions.migrations.0016_statutory_procedures").statutory_clocks(apps, None)


def ensure_reference_data() -> None:
    """Seed the reference rows when a flush took them (one query when they are there)."""
    from petitions.models import ConcernRule

    if not ConcernRule.objects.exists():
        seed_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_after_flushes(request):
    """Transactional tests flush the database when they end, taking the migration-seeded
    rules and categories with them; every transactional test gets them back first. A
    browser test is one too: pytest-django gives ``live_server`` a transactional database
    without naming the fixture."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        seed_reference_data()
    elif marker is not None or "db" in request.fixturenames:
        # A browser test earlier on this worker may have flushed them: the test's own
        # transaction gets them back (and rolls them back with everything else).
        request.getfixturevalue("db")
        ensure_reference_data()
    yield
