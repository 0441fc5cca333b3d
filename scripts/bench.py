"""City-scale benchmark: the portal's pages against bare Django, on PostgreSQL.

    make bench           # or: python scripts/bench.py --seconds 10

1. Prepares a PostgreSQL database seeded by ``seed_perf`` (168 units, one year by default;
   reused on later runs while its seed parameters match; ``--reseed`` starts over).
2. Measures every page in-process first: queries per request and database time
   (median of repeated requests), and the all-history figures read from the rollup.
3. Starts gunicorn (2 workers) on 127.0.0.1 with production settings (debug off, Redis
   cache, persistent connections) plus the benchmark's baseline view, a minimal Django
   view rendering a small template with one query, through the same middleware.
4. Drives each page with ``wrk`` for a bounded time at 1 and at 8 concurrent clients and
   reads requests per second and p50/p95 latency.
5. Optionally (``--sqlite``) seeds 100,000 concerns into SQLite and times every dashboard.
6. Prints a table, writes ``var/bench.json`` and exits 1 if a budget is missed.

Rate limits are raised for the run (a load tool is one address); everything else is as
in production. Traffic goes only to 127.0.0.1.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"

# Budgets of issue #7 (2 cores, one year of data).
PUBLIC_MIN_RATIO = 0.5
STAFF_P95_MS = 150
DASHBOARD_P95_MS = 250
LOOKUP_DB_MS = 5
ROLLUP_MS = 20
SQLITE_DASHBOARD_S = 1.5

WRK_SCRIPT = """
wrk.method = %(method)s
wrk.body = %(body)s
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
%(headers)s
done = function(summary, latency, requests)
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, ' ..
    '"status_errors": %%d, "socket_errors": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(server: str, sql: str, db: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", f"{server}/{db}", "-Atqc", sql], check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


def manage(env: dict, *args: str, quiet: bool = False) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def server_env(database_url: str, cache_url: str) -> dict:
    """Production settings, plus the baseline route and raised rate limits."""
    return {
        **os.environ,
        "DJANGO_SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_OTP_REQUIRED": "false",
        "DJANGO_BENCH_BASELINE": "true",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "CACHE_URL": cache_url,
        "EMAIL_URL": "dummymail://",
        "RATELIMIT_SUBMIT": "100000000/m",
        "RATELIMIT_LOOKUP": "100000000/m",
        "RATELIMIT_VERDICT": "100000000/m",
        "RATELIMIT_GLOBAL": "100000000/m",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


# --- the database ----------------------------------------------------------------------


def prepare_postgres(args, env: dict) -> None:
    """Create and seed the benchmark database once; later runs reuse it."""
    marker = VAR / f"bench-{args.db}.json"
    wanted = {"years": args.years, "seed": args.seed}
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.db):
        raise SystemExit("--db: a plain lower-case database name, please")
    query = f"SELECT 1 FROM pg_database WHERE datname = '{args.db}'"  # noqa: S608  # nosec B608: checked name
    exists = psql(args.server, query) == "1"
    seeded = exists and marker.exists() and json.loads(marker.read_text()) == wanted
    if args.reseed or not seeded:
        print(f"Seeding {args.db}: {args.years} year(s), seed {args.seed} (a few minutes)…")
        psql(args.server, f"DROP DATABASE IF EXISTS {args.db}")
        psql(args.server, f"CREATE DATABASE {args.db}")
        manage(env, "migrate", "--no-input", "-v", "0")
        started = time.monotonic()
        # seed_perf prints the accounts' password, so it runs only in debug mode.
        seed_env = {**env, "DJANGO_DEBUG": "true"}
        manage(seed_env, "seed_perf", "--years", str(args.years), "--seed", str(args.seed), "--yes")
        print(f"Seeded in {time.monotonic() - started:.0f} s")
        marker.write_text(json.dumps(wanted))
    else:
        manage(env, "migrate", "--no-input", "-v", "0")
        print(f"Reusing {args.db} ({args.years} year(s), seed {args.seed}); --reseed to rebuild")


# --- in-process measurements (queries, database time) ------------------------------------


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dialogue_portal.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_targets() -> dict:
    """Realistic targets: the busiest ward, its officer, a rich concern, a public session."""
    from django.db.models import Count

    from petitions.models import Concern, ConcernState
    from sessions.models import DialogueSession
    from units.models import Membership, Role, Unit

    busiest = Concern.objects.values("unit").annotate(n=Count("id")).order_by("-n", "unit").first()
    unit = Unit.objects.get(pk=busiest["unit"])
    officer = (
        Membership.objects.filter(unit=unit, role=Role.WARD_OFFICER, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    reviewer = (
        Membership.objects.filter(role=Role.REVIEWER, is_active=True, unit__parent__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )
    concern = (
        Concern.objects.filter(unit=unit, state=ConcernState.ANSWERED)
        .annotate(n=Count("transitions"))
        .order_by("-n", "pk")
        .first()
    )
    looked_up = (
        Concern.objects.filter(unit=unit)
        .exclude(submitter_phone="")
        .exclude(anonymised_at__isnull=False)
        .order_by("pk")
        .first()
    )
    session = DialogueSession.objects.public().filter(unit=unit).order_by("-planned_start").first()
    return {
        "unit": unit,
        "officer": officer,
        "reviewer": reviewer,
        "concern": concern,
        "lookup": {"code": looked_up.tracking_code, "factor": looked_up.submitter_phone[-4:]},
        "session": session,
        "year": datetime.now().year,
    }


def endpoints(t: dict) -> list[dict]:
    """Each page: how to request it, who, and which budget applies."""
    from django.urls import reverse

    unit = t["unit"]
    submit_body = {
        "ward": str(unit.pk),
        "type": "report",
        "content": "Đèn đường hỏng ở hẻm 12, cần sửa sớm (benchmark).",
        "submitter_phone": "0909123456",
        "consent": "on",
    }
    return [
        {"name": "baseline (bare Django)", "url": reverse("bench_baseline"), "kind": "baseline"},
        {"name": "public home", "url": reverse("home"), "kind": "public"},
        {
            "name": "public session calendar",
            "url": reverse("public_sessions:upcoming"),
            "kind": "public",
        },
        {
            "name": "public session page",
            "url": reverse("public_sessions:detail", args=[t["session"].public_id]),
            "kind": "public",
        },
        {
            "name": "submission form GET",
            "url": reverse("public_petitions:submit"),
            "kind": "public",
        },
        {
            "name": "submission form POST",
            "url": reverse("public_petitions:submit"),
            "kind": "public-write",
            "method": "POST",
            "data": submit_body,
            "expect": 302,
        },
        {
            "name": "status lookup POST",
            "url": reverse("public_petitions:lookup"),
            "kind": "lookup",
            "method": "POST",
            "data": t["lookup"],
            "expect": 302,
        },
        {
            "name": "staff queue (filtered)",
            "url": reverse("petitions:queue") + "?state=assigned&sort=due",
            "kind": "staff",
            "user": "officer",
        },
        {
            "name": "concern detail",
            "url": reverse("petitions:detail", args=[t["concern"].pk]),
            "kind": "staff",
            "user": "officer",
        },
        {
            "name": "city dashboard (year)",
            "url": reverse("compliance:city") + f"?period=year&year={t['year']}",
            "kind": "dashboard",
            "user": "reviewer",
        },
        {
            "name": "unit dashboard",
            "url": reverse("compliance:unit", args=[unit.pk]),
            "kind": "dashboard",
            "user": "officer",
        },
    ]


class QueryTimer:
    """An execute wrapper adding up the time spent in the database driver."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure_queries(pages: list[dict], targets: dict, repeat: int) -> None:
    """Queries per request and database time (median), in-process through the test client."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {"anonymous": Client()}
    for who in ("officer", "reviewer"):
        clients[who] = Client()
        clients[who].force_login(targets[who])
    for page in pages:
        client = clients[page.get("user", "anonymous")]
        counts, db_ms = [], []
        for i in range(repeat + 1):
            if page["kind"] == "lookup":
                client = Client()  # a fresh visitor each time, as a citizen would be
            timer = QueryTimer()
            with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timer):
                if page.get("method") == "POST":
                    response = client.post(page["url"], page["data"])
                else:
                    response = client.get(page["url"])
            expected = page.get("expect", 200)
            if response.status_code != expected:
                raise SystemExit(
                    f"{page['name']}: HTTP {response.status_code}, expected {expected}"
                )
            if i == 0:
                continue  # the first request warms caches; measure the steady state
            counts.append(len(ctx.captured_queries))
            db_ms.append(timer.seconds * 1000)
        page["queries"] = int(statistics.median(counts))
        page["db_ms"] = round(statistics.median(db_ms), 2)
        if page["kind"] == "dashboard":
            page["fresh_ms"] = fresh_ms(client, page["url"])
    cache.clear()


def fresh_ms(client, url: str, times: int = 3) -> float:
    """A dashboard computed from scratch (nothing kept in the cache), median of ``times``."""
    from django.core.cache import cache

    timings = []
    for _ in range(times):
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def warm_dashboards() -> list[str]:
    """What cron does every few minutes in production (warm_compliance_figures)."""
    from django.utils import timezone

    from compliance.figure_cache import warm

    return [f"{p.label()} {s:.1f} s" for p, s in warm(timezone.localdate())]


def measure_rollup(repeat: int) -> dict:
    """All-history figures for the whole city read from the rollup (ms, median)."""
    from compliance.selectors import all_history
    from units.models import Unit

    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        history = all_history(unit_ids)
        timings.append((time.perf_counter() - started) * 1000)
    return {"ms": round(statistics.median(timings), 2), "units": len(unit_ids), "history": history}


def data_size() -> dict:
    from petitions.models import Concern, ConcernTransition
    from sessions.models import DialogueSession

    return {
        "concerns": Concern.objects.count(),
        "concern_history_rows": ConcernTransition.objects.count(),
        "sessions": DialogueSession.objects.count(),
    }


# --- load --------------------------------------------------------------------------------


def session_cookie(client) -> str:
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def csrf_for(base: str) -> tuple[str, str]:
    """A CSRF cookie and a matching form token, as a browser gets them from the form."""
    with urllib.request.urlopen(base + "/concerns/new/", timeout=10) as response:  # nosec B310 # noqa: S310
        page = response.read().decode()
        cookie = response.headers.get("Set-Cookie", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    return f"csrftoken={csrf_cookie}", token


def wrk(base: str, page: dict, cookie: str, clients: int, seconds: int) -> dict:
    from urllib.parse import urlencode

    headers = f'wrk.headers["Cookie"] = {lua_string(cookie)}' if cookie else ""
    body = urlencode(page.get("data_with_token", {})) if page.get("method") == "POST" else ""
    script = WRK_SCRIPT % {
        "method": lua_string(page.get("method", "GET")),
        "body": lua_string(body) if body else "nil",
        "headers": headers,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{min(clients, 2)}",
                f"-c{clients}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                base + page["url"],
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH "))
    raw = json.loads(line[len("BENCH ") :])
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "requests": raw["requests"],
        "errors": raw["status_errors"] + raw["socket_errors"],
    }


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "dialogue_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/baseline/", timeout=2).read()  # nosec B310 # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


# --- SQLite ------------------------------------------------------------------------------


def sqlite_phase(args) -> list[dict]:
    """Seed 100,000 concerns into SQLite (once) and time every dashboard in a subprocess."""
    path = VAR / f"bench-sqlite-{args.sqlite_concerns}.sqlite3"
    env = server_env(f"sqlite:///{path}", "locmemcache://bench")
    if args.reseed and path.exists():
        path.unlink()
    if not path.exists():
        print(f"Seeding SQLite with {args.sqlite_concerns:,} concerns…")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(
            {**env, "DJANGO_DEBUG": "true"},
            "seed_perf",
            "--concerns-per-year",
            str(args.sqlite_concerns),
            "--sessions-per-year",
            str(max(args.sqlite_concerns // 25, 100)),
            "--seed",
            str(args.seed),
            "--yes",
        )
    else:
        manage(env, "migrate", "--no-input", "-v", "0")
    result = subprocess.run(
        [sys.executable, __file__, "--sqlite-dashboards"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def sqlite_dashboards() -> None:
    """(Subprocess) Render each dashboard three times, uncached; print the median seconds."""
    setup_django(dict(os.environ))
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    targets = pick_targets()
    year = targets["year"]
    reviewer, officer = Client(), Client()
    reviewer.force_login(targets["reviewer"])
    officer.force_login(targets["officer"])
    pages = [
        (
            "city dashboard (year)",
            reviewer,
            reverse("compliance:city") + f"?period=year&year={year}",
        ),
        ("city dashboard (month)", reviewer, reverse("compliance:city") + "?period=month"),
        ("trends", reviewer, reverse("compliance:trends")),
        ("periodic report", reviewer, reverse("compliance:report") + f"?period=year&year={year}"),
        ("unit dashboard", officer, reverse("compliance:unit", args=[targets["unit"].pk])),
        ("public statistics", Client(), reverse("public_compliance:index")),
    ]
    rows = []
    for name, client, url in pages:
        timings = []
        for _ in range(3):
            cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{name}: HTTP {response.status_code}")
        rows.append({"name": name, "seconds": round(statistics.median(timings), 3)})
    print(json.dumps(rows))


# --- report ------------------------------------------------------------------------------


def verdicts(pages: list[dict], rollup: dict) -> list[str]:
    """Apply the budgets; return what missed."""
    missed = []
    base = {c: next(p for p in pages if p["kind"] == "baseline")["load"][c]["rps"] for c in (1, 8)}
    for page in pages:
        page["budget"], page["ok"] = "", True
        for c in (1, 8):
            page["load"][c]["ratio"] = round(page["load"][c]["rps"] / base[c], 2)
        if page["kind"] == "public":
            page["budget"] = f"≥{PUBLIC_MIN_RATIO}× baseline"
            page["ok"] = all(page["load"][c]["ratio"] >= PUBLIC_MIN_RATIO for c in (1, 8))
        elif page["kind"] == "staff":
            page["budget"] = f"p95 ≤{STAFF_P95_MS} ms @1"
            page["ok"] = page["load"][1]["p95_ms"] <= STAFF_P95_MS
        elif page["kind"] == "dashboard":
            page["budget"] = f"p95 ≤{DASHBOARD_P95_MS} ms @1"
            page["ok"] = page["load"][1]["p95_ms"] <= DASHBOARD_P95_MS
        elif page["kind"] == "lookup":
            page["budget"] = f"DB ≤{LOOKUP_DB_MS} ms"
            page["ok"] = page["db_ms"] <= LOOKUP_DB_MS
        if any(page["load"][c]["errors"] or not page["load"][c]["requests"] for c in (1, 8)):
            page["ok"] = False
            page["budget"] += " (errors or no answer in time)"
        if not page["ok"]:
            missed.append(page["name"])
    if rollup["ms"] > ROLLUP_MS:
        missed.append("all-history rollup")
    return missed


def table(pages: list[dict], rollup: dict, sqlite_rows: list[dict] | None) -> str:
    head = (
        "| page | rps @1 | p50 @1 | p95 @1 | rps @8 | p50 @8 | p95 @8 | ×base @1 | ×base @8 "
        "| queries | DB ms | budget | ok |"
    )
    lines = [head, "|" + "---|" * 13]
    for p in pages:
        one, eight = p["load"][1], p["load"][8]
        lines.append(
            f"| {p['name']} | {one['rps']:.0f} | {one['p50_ms']} | {one['p95_ms']} "
            f"| {eight['rps']:.0f} | {eight['p50_ms']} | {eight['p95_ms']} "
            f"| {one['ratio']:.2f} | {eight['ratio']:.2f} | {p['queries']} | {p['db_ms']} "
            f"| {p['budget']} | {'yes' if p['ok'] else 'NO'} |"
        )
    lines.append("")
    for p in pages:
        if "fresh_ms" in p:
            lines.append(
                f"{p['name']}: computed from scratch (cache empty) in {p['fresh_ms']:.0f} ms; "
                "the load runs on figures kept up to COMPLIANCE_FIGURES_CACHE_SECONDS, "
                "as reviewers see them (warm_compliance_figures)"
            )
    lines.append(
        f"All-history figures from the rollup ({rollup['units']} units): {rollup['ms']} ms "
        f"(budget ≤{ROLLUP_MS} ms: {'yes' if rollup['ms'] <= ROLLUP_MS else 'NO'})"
    )
    if sqlite_rows:
        lines += ["", sqlite_table(sqlite_rows)]
    return "\n".join(lines)


def sqlite_missed(rows: list[dict]) -> list[str]:
    return [f"SQLite {r['name']}" for r in rows if r["seconds"] >= SQLITE_DASHBOARD_S]


def sqlite_table(rows: list[dict]) -> str:
    lines = ["| SQLite dashboard | seconds | budget | ok |", "|---|---|---|---|"]
    for row in rows:
        ok = row["seconds"] < SQLITE_DASHBOARD_S
        lines.append(
            f"| {row['name']} | {row['seconds']} | <{SQLITE_DASHBOARD_S} s | "
            f"{'yes' if ok else 'NO'} |"
        )
    return "\n".join(lines)


def only_sqlite(args) -> int:
    rows = sqlite_phase(args)
    print(f"SQLite, {args.sqlite_concerns:,} concerns, each dashboard computed from scratch:")
    print()
    print(sqlite_table(rows))
    return 1 if sqlite_missed(rows) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per page and client count")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default=None, help="database name (default dp_bench_<years>y)")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--no-seed", action="store_true", help="use --db as it is (already seeded by hand)"
    )
    parser.add_argument("--repeat", type=int, default=15, help="in-process repetitions")
    parser.add_argument(
        "--sqlite", action="store_true", help="also the 100,000-concern SQLite check"
    )
    parser.add_argument("--sqlite-concerns", type=int, default=100_000)
    parser.add_argument(
        "--only-sqlite", action="store_true", help="only the SQLite dashboards (no PostgreSQL)"
    )
    parser.add_argument("--sqlite-dashboards", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", default=str(VAR / "bench.json"))
    args = parser.parse_args()
    if args.sqlite_dashboards:
        sqlite_dashboards()
        return 0
    if args.only_sqlite:
        return only_sqlite(args)
    args.seconds = max(1, min(args.seconds, 120))
    args.db = args.db or f"dp_bench_{args.years}y"
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it)")
    VAR.mkdir(exist_ok=True)

    env = server_env(f"{args.server}/{args.db}", args.cache)
    if not args.no_seed:
        prepare_postgres(args, env)
    setup_django(env)
    from django.core.cache import cache

    cache.clear()
    targets = pick_targets()
    pages = endpoints(targets)
    print("Measuring queries and database time in-process…")
    measure_queries(pages, targets, args.repeat)
    rollup = measure_rollup(args.repeat)
    size = data_size()

    from django.test import Client

    cookies = {}
    for who in ("officer", "reviewer"):
        client = Client()
        client.force_login(targets[who])
        cookies[who] = session_cookie(client)
    cache.clear()
    print("Computing the city's default periods, as cron does: " + ", ".join(warm_dashboards()))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(env, port)
    try:
        csrf_cookie, token = csrf_for(base)
        for page in pages:
            if page.get("method") == "POST":
                page["data_with_token"] = {**page["data"], "csrfmiddlewaretoken": token}
            cookie = cookies.get(page.get("user"), csrf_cookie)
            if page.get("user"):
                cookie = f"{cookie}; {csrf_cookie}"
            wrk(base, page, cookie, 2, 2)  # warm both workers
            page["load"] = {}
            for clients in (1, 8):
                page["load"][clients] = wrk(base, page, cookie, clients, args.seconds)
                print(
                    f"  {page['name']:<28} @{clients}: {page['load'][clients]['rps']:>7.1f} rps, "
                    f"p95 {page['load'][clients]['p95_ms']} ms"
                )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    sqlite_rows = sqlite_phase(args) if args.sqlite else None
    missed = verdicts(pages, rollup)
    if sqlite_rows:
        missed += sqlite_missed(sqlite_rows)
    report = table(pages, rollup, sqlite_rows)
    print()
    print(
        f"{size['concerns']:,} concerns, {size['concern_history_rows']:,} history rows, "
        f"{size['sessions']:,} sessions; {args.years} year(s); gunicorn 2 workers; "
        f"wrk {args.seconds} s per row; {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})"
    )
    print()
    print(report)
    for page in pages:
        page.pop("data_with_token", None)
    Path(args.json).write_text(
        json.dumps(
            {
                "when": datetime.now().isoformat(timespec="seconds"),
                "years": args.years,
                "seconds_per_run": args.seconds,
                "cpus": os.cpu_count(),
                "data": size,
                "pages": pages,
                "rollup_ms": rollup["ms"],
                "sqlite_dashboards": sqlite_rows,
                "missed": missed,
            },
            indent=2,
            ensure_ascii=False,
            default=str,
        )
    )
    print(f"\nWritten {args.json}")
    if missed:
        print("Missed budgets: " + ", ".join(missed))
        return 1
    print("Every budget holds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
