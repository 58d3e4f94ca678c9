# Two entry points: `make run` (set up and serve on http://127.0.0.1:8000 with SQLite)
# and `make test`. Both create .venv on first use.

VENV := .venv
BIN := $(VENV)/bin
HOST_PORT ?= 127.0.0.1:8000

# The first interpreter on PATH that is Python 3.12 or newer.
PYTHON := $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && \
	{ echo $$p; break; }; done)

.PHONY: run test lint check-python browser

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is required, but none was found on PATH."; \
		echo "Install Python 3.12+ (e.g. 'pyenv install 3.12' or your system's python3.12 package) and retry."; \
		exit 1; \
	fi

$(BIN)/.installed: pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

run: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py import_fixtures
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST_PORT)

test: $(BIN)/.installed
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
