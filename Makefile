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

.PHONY: run test lint check-python browser messages

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

# `make run` serves the site as production does, DEBUG off (so a wrong address shows the
# site's own 404 page, in its language, not Django's debug page), over plain HTTP on this
# machine: a secret key generated once into .secret_key, the hosts below, no HTTPS redirect
# or secure-only cookies, and static files served by runserver --insecure. Serving on
# another address (HOST_PORT=0.0.0.0:8000) needs its name in ALLOWED_HOSTS too.
ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1]
RUN_ENV = DEBUG=0 SECRET_KEY="$$(cat .secret_key)" ALLOWED_HOSTS="$(ALLOWED_HOSTS)" \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
	SECURE_HSTS_SECONDS=0 MANIFEST_STATIC=0

.secret_key: | check-python
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# The background worker (re-running suggestions after a curator's save) runs beside the
# server and stops with it.
run: $(BIN)/.installed .secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py import_fixtures
	$(RUN_ENV) $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver --insecure $(HOST_PORT)

# The Spanish interface: after changing a translatable string, update the catalogue,
# translate what is new in locale/es/LC_MESSAGES/django.po, and compile it (the compiled
# django.mo is committed, so a fresh clone needs no gettext tools).
messages: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles
	DEBUG=1 $(BIN)/python manage.py compilemessages -l es

# Everything, browser tests included; `$(BIN)/python -m pytest --ignore=tests/e2e` is the
# fast part alone.
test: $(BIN)/.installed
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
