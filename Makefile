# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The throwaway PostgreSQL for tests and the benchmark; pick another port to
# run two suites side by side.
PGPORT ?= 54329
REDIS_PORT ?= $(shell echo $$(( $(PGPORT) + 1000 )))
PYTEST_ARGS ?=
# pytest-xdist workers: one per core of the two a CI machine has.
PYTEST_WORKERS ?= 2
# Benchmark modules to run (bench/<name>.py); all when empty.
BENCH ?=

# Settings for test runs: never the production secret, a fast password hasher.
TEST_ENV := SECRET_KEY=test-only-not-a-secret-$(PGPORT) \
	PASSWORD_HASHERS=django.contrib.auth.hashers.MD5PasswordHasher \
	SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
	DJANGO_ALLOW_ASYNC_UNSAFE=true
# `check --deploy` runs with production-like settings.
DEPLOY_ENV := DEBUG=false ALLOWED_HOSTS=charter.example.org CACHE_URL=redis://127.0.0.1:6379/0 \
	SECRET_KEY=deploy-check-3f9c1b7e8a2d4c6f0b5e9a7d1c3f8b2e6a4d0c9f7b1e5a3d \
	SITE_URL=https://charter.example.org \
	DEFAULT_FROM_EMAIL="Invisible International <noreply@charter.example.org>"

.PHONY: help demo serve test test-fast lint format bench clean messages

# The message catalogues, compiled from the .po files in the repository
# (Debian's gettext provides msgfmt; system-deps installs it).
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
# The languages besides English (settings.LANGUAGES).
MESSAGE_LOCALES := --locale=fr --locale=de --locale=es
# Only the product's own text: not the tests, tools or documentation.
MESSAGE_IGNORES := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests \
	--ignore=bench --ignore=scripts --ignore=README.md
MO_FILES := $(PO_FILES:.po=.mo)

help:
	@echo "make demo   - install, migrate, seed and serve on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   - the whole suite on a throwaway PostgreSQL, with browser tests"
	@echo "make bench  - timings on PostgreSQL (see bench/)"
	@echo "make lint   - ruff check and format check"

$(BIN)/.installed: requirements.txt
	scripts/system-deps.sh build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt $(BIN)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

locale/%.mo: locale/%.po | $(BIN)/.installed
	msgfmt --check --output-file=$@ $<

demo: $(BIN)/.installed $(MO_FILES)
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ — Ctrl-C to stop."
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(BIN)/.installed-dev lint $(MO_FILES)
	scripts/system-deps.sh test
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(DEPLOY_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PGPORT=$(PGPORT) REDIS_PORT=$(REDIS_PORT) scripts/with-postgres.sh scripts/with-redis.sh \
		env $(TEST_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Quick loop while developing: SQLite, no browser, no PostgreSQL-only tests.
test-fast: $(BIN)/.installed-dev $(MO_FILES)
	$(TEST_ENV) $(BIN)/pytest -m "not e2e and not postgres" $(PYTEST_ARGS)

bench: $(BIN)/.installed-dev $(MO_FILES)
	scripts/system-deps.sh bench
	PGPORT=$(PGPORT) REDIS_PORT=$(REDIS_PORT) scripts/with-postgres.sh scripts/with-redis.sh \
		env $(TEST_ENV) RATELIMIT_ENABLE=false $(BIN)/python -m bench $(BENCH)

# Refresh the catalogues after changing interface text: new messages arrive
# empty, and tests/test_translations_complete.py fails until they are translated.
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages $(MESSAGE_LOCALES) --no-obsolete --no-wrap --extension=html,txt,py,md $(MESSAGE_IGNORES) --add-location=file
	$(BIN)/python manage.py makemessages $(MESSAGE_LOCALES) --no-obsolete --no-wrap --domain=djangojs $(MESSAGE_IGNORES) --ignore=static/vendor --add-location=file

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 $(MO_FILES)
