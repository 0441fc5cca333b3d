# Everything a person runs. `make run` and `make test` are the README's quick start.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: bench bench-sqlite soak scan bandit run test test-fast lint lint-imports format migrations-check messages messages-compile messages-check \
        install install-dev check ci clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Serve the portal on SQLite with demo data at http://$(HOST):$(PORT)/
run: install
	DJANGO_DEBUG=true $(PY) manage.py migrate --no-input -v 0
	DJANGO_DEBUG=true $(PY) manage.py seed_demo
	@echo ""
	@echo "  Public portal:  http://$(HOST):$(PORT)/"
	@echo "  Staff sign-in:  http://$(HOST):$(PORT)/staff/login/"
	@echo "  Administration: http://$(HOST):$(PORT)/admin/"
	@echo ""
	DJANGO_DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (browser tests included where Chromium is installed),
## on TEST_WORKERS processes (pytest-xdist; TEST_WORKERS=0 runs in one process).
TEST_WORKERS ?= 2
test: install-dev
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## The suite without the slow and browser tests (while working; `make test` before pushing).
test-fast: install-dev
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not slow and not browser" $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory lint-imports VENV=$(VENV)

## The layers between apps (contracts in pyproject.toml, [tool.importlinter]).
lint-imports: install-dev
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bandit: install-dev
	$(VENV)/bin/bandit -q -r . -x ./.venv,./.ci-venv,./.scan-venv,./tests,./var,./node_modules --severity-level medium

check: install
	DJANGO_DEBUG=true $(PY) manage.py check

migrations-check: install
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

## Extract new strings into every catalogue, then translate them in the .po files.
messages: install-dev
	$(PY) scripts/i18n.py update

messages-compile: install-dev
	$(PY) scripts/i18n.py compile

messages-check: install-dev
	$(PY) scripts/i18n.py check

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .ruff_cache

## Load-and-fault test on PostgreSQL: 16 clients, a worker SIGKILLed midway, no lost submission.
soak: install-dev
	$(PY) scripts/soak.py --seconds $(or $(SECONDS),60) --clients 16

## Vulnerability scan of the running demo with wapiti3 (127.0.0.1 only): injection and XSS.
scan: install
	bash scripts/scan.sh $(or $(SECONDS),600)

## City-scale benchmark on PostgreSQL (seed_perf, one year; reused once seeded): gunicorn
## 2 workers, wrk at 1 and 8 clients, each page against a bare-Django baseline; budgets
## checked; table printed and written to var/bench.json. SECONDS per run (default 10),
## YEARS of data (default 1), BENCH_ARGS for more (e.g. --reseed, --sqlite).
bench: install-dev
	@command -v wrk >/dev/null || (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null)
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start
	$(PY) scripts/bench.py --seconds $(or $(SECONDS),10) --years $(or $(YEARS),1) $(BENCH_ARGS)

## Every dashboard timed on SQLite with 100,000 concerns (< 1.5 s each; seeded once).
bench-sqlite: install-dev
	$(PY) scripts/bench.py --only-sqlite $(BENCH_ARGS)
