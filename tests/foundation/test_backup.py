"""docs/operations.md's backup and restore, proved end to end on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.postgres(reason="the backup uses pg_dump")
def test_a_dump_restores_into_an_empty_database_with_the_same_counts():
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    result = subprocess.run(
        ["bash", "scripts/backup_restore_check.sh", server],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical counts" in result.stdout
