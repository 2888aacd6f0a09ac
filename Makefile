# sportello: every target creates what it needs by itself on a fresh machine
# (Python 3.11, pip, git, make). The README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WHEEL_VENV := .venv-wheel
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test lint typecheck unit docs dist wheel-test rules-doc contract bench fuzz reliability api-fuzz \
	mutation mutation-ci clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,sandbox]'
	touch $(STAMP)

## demo: the main job (README's first command)
demo: $(STAMP)
	$(BIN)/sportello demo

## test: lint, strict typing, the strict docs build, the whole suite against the built wheel
## installed in a fresh venv, then the bounded mutation check (README's second command; CI
## runs exactly this)
test: lint typecheck docs wheel-test mutation-ci

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict src tests/typing
	$(BIN)/pyright

## unit: the suite against the editable install (the quick loop while developing)
unit: $(STAMP)
	$(BIN)/python -m pytest -q

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir site

## dist: wheel and sdist, checked by twine
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist . > /dev/null
	$(BIN)/twine check --strict dist/*

## wheel-test: install the built wheel in a fresh venv and run the tests and doctests against it
wheel-test: dist
	rm -rf $(WHEEL_VENV)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install --quiet "$$(ls dist/*.whl)[dev,sandbox]"
	SPORTELLO_TEST_WHEEL=1 $(WHEEL_VENV)/bin/python -m pytest -q -p no:cacheprovider \
		--cov=sportello --cov-branch --cov-report=term:skip-covered --cov-fail-under=95 \
		tests --pyargs sportello

## fuzz: the long property-fuzzing run (20,000 examples per target; SPORTELLO_FUZZ_EXAMPLES=n to change)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/fuzz

## reliability: the full issue-7 run (kill -9, 1,000 retried submissions, access table, ...);
## rewrites the figures in docs/reliability.md
reliability: $(STAMP)
	SPORTELLO_RELIABILITY_FULL=1 SPORTELLO_RELIABILITY_DOC=docs/reliability.md $(BIN)/python -m pytest -q tests/reliability

## api-fuzz: schemathesis against the sandbox's own openapi.json, 100 examples per operation
api-fuzz: $(STAMP)
	SPORTELLO_API_FUZZ_EXAMPLES=100 $(BIN)/python -m pytest -q tests/reliability/test_schemathesis.py

## rules-doc: regenerate docs/rules.md from the catalog, the code and the tests
rules-doc: $(STAMP)
	$(BIN)/sportello rules --markdown --tests tests > docs/rules.md

## contract: regenerate src/sportello/openapi.json (forms' JSON Schemas included)
contract: $(STAMP)
	$(BIN)/python -m sportello.sandbox._openapi_build > src/sportello/openapi.json

## mutation: mutmut over every module of tools/mutation.py's MODULES, one worker, each with the
## tests that cover it (long: about 45 minutes); rewrites docs/mutation.md
mutation: $(STAMP)
	$(BIN)/python tools/mutation.py run
	$(BIN)/python tools/mutation.py report

## mutation-ci: the bounded run (CI_MODULES, a few minutes): fails under 90% killed, on an
## unjudged survivor or on a stale equivalent judgment
mutation-ci: $(STAMP)
	$(BIN)/python tools/mutation.py check

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) $(WHEEL_VENV) site build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
