# Insigne: every set-up step lives here, so a fresh clone needs only `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
CORE_VENV := .venv-core
BIN := $(VENV)/bin
JS_DIR := tests/interop/js

.PHONY: run demo-cli test test-core test-rest check bench js clean

$(VENV)/.stamp: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The core must work without Django: its tests run in an environment that has only the
# core's own dependencies.
$(CORE_VENV)/.stamp: pyproject.toml
	test -x $(CORE_VENV)/bin/python || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CORE_VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $@

# The JavaScript reference stack for interoperability tests and benchmarks (npm registry).
js: $(JS_DIR)/node_modules/.stamp
$(JS_DIR)/node_modules/.stamp: $(JS_DIR)/package.json $(JS_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(JS_DIR) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.stamp; \
	else \
		echo "npm not found: the interoperability tests against the JavaScript reference will be skipped."; \
	fi

test: test-core test-rest

test-core: $(CORE_VENV)/.stamp
	@! $(CORE_VENV)/bin/python -c "import django" 2>/dev/null || { echo "Django must not be installed in $(CORE_VENV)"; exit 1; }
	$(CORE_VENV)/bin/python -m pytest tests/core -q

PG_URL ?= postgres://postgres@127.0.0.1:5432/test
WEB_TESTS = DJANGO_SETTINGS_MODULE=tests.web.settings $(BIN)/python -m pytest -q

test-rest: $(VENV)/.stamp js
	$(BIN)/python -m pytest tests --ignore=tests/core --ignore=tests/web --ignore=tests/browser -q
	@echo "== web tests on SQLite"
	$(WEB_TESTS) tests/web
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "== web tests on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL) $(WEB_TESTS) tests/web; \
	else \
		echo "PostgreSQL is not reachable at 127.0.0.1:5432: the PostgreSQL run of the web tests was SKIPPED."; \
		test "$$INSIGNE_REQUIRE_POSTGRES" != 1; \
	fi
	@echo "== browser tests (Playwright, system Chromium)"
	$(WEB_TESTS) tests/browser

check: $(VENV)/.stamp
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	INSIGNE_SECRET_KEY=type-checking-only-secret-key-0123456789abcdef $(BIN)/mypy

bench: $(VENV)/.stamp js
	$(BIN)/python bench/run.py
	$(BIN)/python bench/issuance.py
	$(BIN)/python bench/serving.py

# The platform with demo data on SQLite under ./var, at http://127.0.0.1:8000.
run: $(VENV)/.stamp
	INSIGNE_DEBUG=$${INSIGNE_DEBUG:-1} $(BIN)/python -m insigne.web serve --demo

# The command-line tour of the credential engine (issue, bake, verify) in var/demo/.
demo-cli: $(VENV)/.stamp
	$(BIN)/python -m insigne.demo

clean:
	rm -rf $(VENV) $(CORE_VENV) $(JS_DIR)/node_modules var
