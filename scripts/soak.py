"""Load-and-fault test: no submission that got a tracking code is ever lost.

    make soak            # or: python scripts/soak.py --seconds 60 --clients 16

1. Creates a scratch PostgreSQL database, migrates it and imports the units.
2. Starts gunicorn with several workers on 127.0.0.1 only.
3. 16 clients submit concerns through the public form for a bounded time (each: GET the
   form, POST it, read the tracking code from the confirmation page).
4. Midway, kills one gunicorn worker with SIGKILL (the master starts a new one).
5. Stops, then checks: every code a client received is in the database exactly once,
   codes are unique, and no response was a 5xx. Prints the counts; exits 1 on any loss.

Traffic goes only to 127.0.0.1. Request loops are bounded in time and count.
"""

import argparse
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_RE = re.compile(
    r"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}\b"
)
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MAX_REQUESTS_PER_CLIENT = 5000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(server: str, sql: str) -> None:
    subprocess.run(
        ["psql", f"{server}/postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL
    )


class Client(threading.Thread):
    def __init__(
        self, base: str, ward_pk: int, stop_at: float, results: dict, lock: threading.Lock, n: int
    ):
        super().__init__(daemon=True)
        self.base, self.ward_pk, self.stop_at, self.results, self.lock, self.n = (
            base,
            ward_pk,
            stop_at,
            results,
            lock,
            n,
        )
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.lock:
            self.results["requests"] += 1
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def run(self) -> None:
        i = 0
        while time.time() < self.stop_at and i < MAX_REQUESTS_PER_CLIENT:
            i += 1
            try:
                status, page = self.request("/concerns/new/")
                self.record(status)
                token = CSRF_RE.search(page)
                if status != 200 or not token:
                    continue
                status, page = self.request(
                    "/concerns/new/",
                    {
                        "csrfmiddlewaretoken": token.group(1),
                        "ward": self.ward_pk,
                        "type": "report",
                        "content": f"Soak test concern {self.n}-{i}: đèn đường hỏng ở hẻm 12, cần sửa.",
                        "submitter_phone": f"09{self.n:02d}{i:06d}"[:10],
                        "consent": "on",
                    },
                )
                self.record(status)
                match = CODE_RE.search(page) if status == 200 else None
                with self.lock:
                    if match:
                        self.results["codes"].append(match.group(0))
                    else:
                        self.results["no_code"] += 1
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                with self.lock:
                    self.results["connection_errors"] += 1

    def record(self, status: int) -> None:
        with self.lock:
            self.results["statuses"][status] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 600)

    db = f"dp_soak_{os.getpid()}"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "soak-test-secret-key-" + "x" * 40,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_OTP_REQUIRED": "false",
        "DATABASE_URL": f"{args.server}/{db}",
        "CACHE_URL": "locmemcache://soak",
        "RATELIMIT_SUBMIT": "1000000/m",
        "RATELIMIT_GLOBAL": "1000000/m",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    psql(args.server, f"DROP DATABASE IF EXISTS {db}")
    psql(args.server, f"CREATE DATABASE {db}")
    gunicorn = None
    try:
        subprocess.run(
            [python, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [python, "manage.py", "import_units"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        os.environ.update(
            {k: v for k, v in env.items() if k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))}
        )
        os.environ["DJANGO_SETTINGS_MODULE"] = "dialogue_portal.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from petitions.models import Concern
        from units.models import Unit

        ward_pk = Unit.objects.get(code="26743").pk

        gunicorn = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "dialogue_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(60):
            try:
                # base is always http://127.0.0.1:<port>, built above.
                urllib.request.urlopen(base + "/", timeout=2).read()  # nosec B310 # noqa: S310
                break
            except OSError:
                time.sleep(0.5)

        results = {
            "requests": 0,
            "codes": [],
            "no_code": 0,
            "connection_errors": 0,
            "statuses": Counter(),
        }
        lock = threading.Lock()
        stop_at = time.time() + args.seconds
        clients = [Client(base, ward_pk, stop_at, results, lock, n) for n in range(args.clients)]
        for client in clients:
            client.start()

        time.sleep(args.seconds / 2)
        workers = subprocess.run(
            ["pgrep", "-P", str(gunicorn.pid)], capture_output=True, text=True
        ).stdout.split()
        killed = int(workers[0]) if workers else None
        if killed:
            os.kill(killed, signal.SIGKILL)
            print(f"Killed gunicorn worker {killed} with SIGKILL at {args.seconds // 2}s.")

        for client in clients:
            client.join(timeout=args.seconds + 60)

        codes = results["codes"]
        stored = Counter(
            Concern.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True)
        )
        missing = [code for code in codes if stored[code] == 0]
        duplicated = [code for code, n in stored.items() if n > 1]
        total_rows = Concern.objects.count()
        all_codes = list(Concern.objects.values_list("tracking_code", flat=True))
        server_errors = sum(n for status, n in results["statuses"].items() if status >= 500)

        print()
        print(
            f"Soak: {args.clients} clients, {args.seconds}s, {args.workers} gunicorn workers, one SIGKILLed"
        )
        print(f"  requests sent:            {results['requests']}")
        print(f"  responses by status:      {dict(sorted(results['statuses'].items()))}")
        print(f"  submissions with a code:  {len(codes)}")
        print(
            f"  submissions without code: {results['no_code']} (connection errors: {results['connection_errors']})"
        )
        print(f"  concerns in the database: {total_rows}")
        print(f"  lost (code given, not stored): {len(missing)}")
        print(f"  stored more than once:    {len(duplicated)}")
        print(f"  duplicate codes in table: {len(all_codes) - len(set(all_codes))}")
        print(f"  5xx responses:            {server_errors}")
        ok = (
            not missing
            and not duplicated
            and len(all_codes) == len(set(all_codes))
            and server_errors == 0
            and codes
        )
        print("SOAK PASSED" if ok else "SOAK FAILED")
        return 0 if ok else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        from django.db import connections

        connections.close_all()
        psql(args.server, f"DROP DATABASE IF EXISTS {db}")


if __name__ == "__main__":
    sys.exit(main())
