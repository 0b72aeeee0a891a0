# SoSafe portal. `make demo` runs the portal with the demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo install test test-postgres lint format migrations-check check-deploy bench loadtest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

install: $(VENV)/.installed

# The demo runs in development mode (DEBUG=true); without it the portal expects production settings.
demo: export DEBUG = true
demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo "Serving the SoSafe portal on http://$(HOST)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=sosafe.settings_test
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sosafe} $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=sosafe.settings_test

check-deploy: install
	DEBUG=false SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-0123456789abcdefghijklmnop ALLOWED_HOSTS=portal.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Both make a database of their own (PostgreSQL sosafe_bench on 127.0.0.1 if it answers, else
# SQLite in a temporary folder; BENCH_DATABASE_URL to choose) and drop it after: never DATABASE_URL's.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# gunicorn (gunicorn.conf.py) under the stress and deadline scenarios; needs PostgreSQL.
loadtest: install
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
