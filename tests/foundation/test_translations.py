"""Every string has Vietnamese, and every compiled catalogue matches its .po file."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_every_string_has_vietnamese_and_compiled_catalogues_are_current():
    problems = load_i18n_script().problems()
    assert problems == [], "\n".join(problems)
