# sportello: every target creates .venv by itself on a fresh machine (Python 3.11, pip, git, make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit docs bench rules-doc clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,sandbox]'
	touch $(STAMP)

## demo: the main job (README's first command)
demo: $(STAMP)
	$(BIN)/sportello demo

## test: lint, strict typing, the whole test suite and the strict docs build (README's second command)
test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

unit: $(STAMP)
	$(BIN)/python -m pytest -q

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir site

## rules-doc: regenerate docs/rules.md from the catalog, the code and the tests
rules-doc: $(STAMP)
	$(BIN)/sportello rules --markdown --tests tests > docs/rules.md

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) site build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
