# Corridor developer commands. `make demo` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo serve test check lint typecheck imports pytest format docs messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

## demo: install and run every stage on the bundled Shanghai 2026 mission (SQLite, out/)
demo: $(VENV)/.installed
	rm -f corridor.db corridor.db-shm corridor.db-wal
	$(BIN)/corridor demo --out out

## serve: the web console and API on http://127.0.0.1:8000 (after `make demo`; first
## account: `.venv/bin/corridor users add you@example.org --role admin --role organiser`)
serve: $(VENV)/.installed
	$(BIN)/corridor serve

## test: install with dev tools, run lint, type check, import contracts and the tests
test: $(VENV)/.installed-dev check pytest

check: lint typecheck imports

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

imports: $(VENV)/.installed-dev
	$(BIN)/lint-imports

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

format: $(VENV)/.installed-dev
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

## docs: regenerate the generated parts of docs/
docs: $(VENV)/.installed
	$(BIN)/corridor formats --markdown > docs/data-formats.md

## messages: extract every user-visible string into corridor.pot and update the ko and
## zh catalogs (new messages arrive empty; tests/locale lists each one untranslated)
CATALOGS := src/corridor/locale
messages: $(VENV)/.installed-dev
	$(BIN)/pybabel extract -F babel.cfg -k N_:1c,2 --no-location --sort-output --no-wrap \
		--project Corridor \
		-o $(CATALOGS)/corridor.pot src/corridor
	for lang in ko zh; do \
		$(BIN)/pybabel update -i $(CATALOGS)/corridor.pot -d $(CATALOGS) -D corridor \
			-l $$lang --no-fuzzy-matching --ignore-obsolete --no-wrap; \
	done

clean:
	rm -rf $(VENV) out corridor.db corridor.db-shm corridor.db-wal .mypy_cache .ruff_cache .pytest_cache
