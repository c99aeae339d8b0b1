# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONSTRAINTS := $(wildcard constraints.txt)

.PHONY: install run test lint bench audit clinic system-deps clean schema-deep

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=... to another 3.11+)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q $(if $(CONSTRAINTS),-c constraints.txt) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/backrelief serve

system-deps:
	@bash scripts/system-deps.sh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install system-deps lint
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=15

bench: install system-deps
	$(BIN)/python -m bench

# schemathesis deeper than the suite runs it (the coverage phase, 60 examples a route): longer
# than the suite's budget, so run before a release or when an API's schema changes.
schema-deep: install system-deps
	BACKRELIEF_SCHEMA_DEEP=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/clinic/test_api_schema.py tests/web/test_api_schema.py

clinic: install
	BIN=$(BIN) bash scripts/clinic.sh

audit: install
	$(BIN)/python -m pip install -q -e '.[audit]'
	$(BIN)/pip-audit --strict --progress-spinner off -l || { \
	  echo "pip-audit could not finish; reading PyPI's vulnerability data for the locked versions instead"; \
	  $(BIN)/python scripts/audit.py; }

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
