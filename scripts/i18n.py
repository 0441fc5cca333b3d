"""Update, compile and check the gettext catalogues.

The project keeps one catalogue per app (``<app>/locale``) and one for the project-wide
templates and code (``locale/``). Usage:

    python scripts/i18n.py update    # extract new strings into every .po file
    python scripts/i18n.py update sessions   # only one app's catalogue (root: "project")
    python scripts/i18n.py compile   # compile every .po into .mo
    python scripts/i18n.py check     # fail if a string lacks Vietnamese or a .mo is stale
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "vi"
# Every top-level app (a folder with apps.py) keeps its own catalogue in <app>/locale.
APPS = sorted(p.parent.name for p in ROOT.glob("*/apps.py") if not p.parent.name.startswith("."))
IGNORES = [".venv", ".ci-venv", "var", "node_modules", "static", "tests", "scripts", *APPS]


def _env() -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "dialogue_portal.settings"
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("DJANGO_DEBUG", "true")
    return env


def _makemessages(root: Path, cwd: Path) -> None:
    """Run makemessages for the catalogue rooted at ``cwd`` (inside ``root``)."""
    args = [
        sys.executable,
        str(root / "manage.py"),
        "makemessages",
        "-l",
        LANGUAGE,
        "--no-obsolete",
        "--no-location",
    ]
    if cwd == root:
        for ignore in IGNORES:
            args += ["--ignore", f"{ignore}/*"]
    subprocess.run(args, cwd=cwd, env=_env(), check=True, stdout=subprocess.DEVNULL)


def catalogue_dirs(root: Path) -> list[Path]:
    return [root, *[root / app for app in APPS]]


def update(root: Path = ROOT, only: str | None = None) -> None:
    for directory in catalogue_dirs(root):
        if only and directory.name != only and not (only == "project" and directory == root):
            continue
        (directory / "locale" / LANGUAGE / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        _makemessages(root, directory)


def compile_all(root: Path = ROOT, only: str | None = None) -> None:
    for po in root.glob(f"**/locale/{LANGUAGE}/LC_MESSAGES/django.po"):
        if ".venv" in po.parts or po.parts[0] == ".ci-venv":
            continue
        if only and po.relative_to(root).parts[0] != (only if only != "project" else "locale"):
            continue
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True
        )


def problems(root: Path = ROOT) -> list[str]:
    """Every missing or fuzzy translation and every stale .mo, as readable lines."""
    import polib

    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(
            root,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv",
                ".ci-venv",
                "var",
                ".git",
                "node_modules",
                "__pycache__",
                ".pytest_cache",
                ".hypothesis",
                "test-results",
            ),
        )
        update(copy)
        for directory in catalogue_dirs(copy):
            relative = directory.relative_to(copy) / "locale" / LANGUAGE / "LC_MESSAGES"
            fresh = polib.pofile(str(directory / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"))
            committed_po = root / relative / "django.po"
            for entry in fresh:
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags:
                    found.append(f"{relative}: fuzzy translation for {entry.msgid!r}")
                elif not entry.translated():
                    found.append(f"{relative}: no Vietnamese for {entry.msgid!r}")
            committed_mo = root / relative / "django.mo"
            if not committed_mo.exists():
                found.append(f"{relative}: django.mo is missing (run make messages-compile)")
                continue
            expected = {
                (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
                for e in polib.pofile(str(committed_po)).translated_entries()
            }
            actual = {
                (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
                for e in polib.mofile(str(committed_mo))
            }
            actual.pop((None, ""), None)
            expected.pop((None, ""), None)
            if {k: str(v) for k, v in expected.items()} != {k: str(v) for k, v in actual.items()}:
                found.append(f"{relative}: django.mo is stale (run make messages-compile)")
    return found


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update(only=sys.argv[2] if len(sys.argv) > 2 else None)
    elif command == "compile":
        compile_all(only=sys.argv[2] if len(sys.argv) > 2 else None)
    elif command == "check":
        issues = problems()
        for line in issues:
            print(line)
        if issues:
            print(f"{len(issues)} translation problem(s).")
            return 1
        print("Translations complete: every string has Vietnamese and every .mo is current.")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
