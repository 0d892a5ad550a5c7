# The two commands a newcomer needs: `make run` and `make test`.

PYTHON ?= python3
NPM ?= npm
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test schema portal portal-check lint-imports clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## portal/node_modules: GOV.UK Frontend for the provider portal, pinned by portal/package-lock.json
portal/node_modules/.installed: portal/package.json portal/package-lock.json
	cd portal && $(NPM) ci --no-audit --no-fund
	touch $@

## portal: install the portal's front-end dependencies and regenerate portal/generated from schema.graphql
portal: $(VENV)/.installed portal/node_modules/.installed
	$(PY) -m portal.generator

## run: install, regenerate the portal, migrate, seed the demo if the database is empty, and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.installed portal
	$(PY) -m api.cli serve --port $(PORT)

## test: the whole suite (SQLite always; PostgreSQL when reachable or REQUIRE_POSTGRES=1; the browser
## tests when Chromium is installed or REQUIRE_BROWSER=1). The committed portal/generated must match
## schema.graphql: a test fails when it drifts (run `make portal`). Test files are shared out to TEST_WORKERS
## processes (pytest-xdist; one per core by default), each file whole to one process.
TEST_WORKERS ?= auto
test: $(VENV)/.installed portal/node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

## schema: regenerate the committed schema.graphql, and the provider portal generated from it
schema: $(VENV)/.installed
	$(PY) -m api.cli export-schema
	$(PY) -m portal.generator

## bench: the national-scale benchmark beside PostGraphile v4, on the local PostgreSQL (127.0.0.1:5432, user
## postgres); npm installs PostGraphile into the ignored bench/.postgraphile. BENCH_ARGS=--quick for a short run.
BENCH_ARGS ?=
$(VENV)/.bench-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache portal/node_modules
