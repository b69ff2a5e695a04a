# Insigne: every set-up step lives here, so a fresh clone needs only `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
CORE_VENV := .venv-core
BIN := $(VENV)/bin
JS_DIR := tests/interop/js

.PHONY: run test test-core test-rest check bench js clean

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

test-rest: $(VENV)/.stamp js
	$(BIN)/python -m pytest tests --ignore=tests/core -q

check: $(VENV)/.stamp
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	INSIGNE_SECRET_KEY=type-checking-only-secret-key-0123456789abcdef $(BIN)/mypy

bench: $(VENV)/.stamp js
	$(BIN)/python bench/run.py

run: $(VENV)/.stamp
	$(BIN)/python -m insigne.demo

clean:
	rm -rf $(VENV) $(CORE_VENV) $(JS_DIR)/node_modules var
