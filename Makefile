# Healing Hearts — developer commands. `make run` and `make test` work on a fresh
# clone: they create and fill the virtualenv when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
AXE := var/axe/node_modules/axe-core/axe.min.js
DEV_KEY := var/field-encryption.key
PORT ?= 8000

.PHONY: run test test-fast bench lint format lock clean axe

# The site, with one background worker and the scheduler beside it: both stop with it.
run: $(VENV)/.installed $(DEV_KEY)
	$(BIN)/python manage.py migrate --noinput
	@export SITE_URL=http://127.0.0.1:$(PORT); \
	$(BIN)/python manage.py db_worker --no-reload --interval 2 & worker=$$!; \
	$(BIN)/python manage.py scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed $(DEV_KEY) axe
	$(BIN)/pytest $(PYTEST_ARGS)

# Everything except the browser journeys: seconds, not minutes.
test-fast: $(VENV)/.installed $(DEV_KEY)
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

# Throughput and latency of the main pages against /healthz, as production serves them
# (gunicorn, PostgreSQL, Redis, DEBUG off). Needs wrk (apt-get install wrk). See docs/performance.md.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin requirements*.txt from pyproject.toml (no registry addresses recorded).
lock: $(VENV)/bin/uv
	$(BIN)/uv pip compile --quiet --universal pyproject.toml -o requirements.txt
	$(BIN)/uv pip compile --quiet --universal pyproject.toml --extra dev -o requirements-dev.txt

clean:
	rm -rf $(VENV) var/static var/axe

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "Healing Hearts needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "Run: make PYTHON=python3.11 (or newer)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { rm -rf $(VENV); \
		echo "Cannot create a virtualenv: this Python has no venv module."; \
		echo "Run: sudo apt-get install python3-venv"; exit 1; }

$(BIN)/uv: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

# One environment for running and testing: the pinned development set.
$(VENV)/.installed: requirements-dev.txt $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.txt
	@touch $@

# A development master key, so nothing needs configuring (never used in production).
$(DEV_KEY): | $(VENV)/.installed
	@mkdir -p var
	@$(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > $@
	@echo "Wrote a development encryption key to $@"

# axe-core (accessibility checks in browser tests) from the npm registry, never
# copied into the repository. Without npm the browser tests say what is missing.
axe: $(AXE)
$(AXE):
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: browser accessibility checks need it (apt-get install npm)."; exit 0; }
	npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix var/axe axe-core@4.14.1
