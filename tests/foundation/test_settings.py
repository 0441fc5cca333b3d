import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env_vars) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_vars)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import dialogue_portal.settings as s; print(s.DATABASES['default']['ENGINE'], s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_fails_and_names_the_variable():
    result = load_settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_defaults_are_sqlite_vietnamese_and_saigon_time():
    result = load_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "vi", "Asia/Ho_Chi_Minh", "True"]


def test_database_url_switches_to_postgresql():
    result = load_settings(
        DJANGO_SECRET_KEY="x" * 50, DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_deploy_checklist_reports_nothing_in_production_configuration(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-for-the-check-only-0123456789",
        DJANGO_ALLOWED_HOSTS="doithoai.example.vn",
        CACHE_URL="redis://127.0.0.1:6379/1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
