# The two commands a newcomer needs: `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test schema lint-imports clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## run: install, migrate, seed the demo if the database is empty, and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.installed
	$(PY) -m api.cli serve --port $(PORT)

## test: the whole suite (SQLite always; PostgreSQL when reachable or REQUIRE_POSTGRES=1)
test: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

## schema: regenerate the committed schema.graphql
schema: $(VENV)/.installed
	$(PY) -m api.cli export-schema

clean:
	rm -rf $(VENV) var .pytest_cache
