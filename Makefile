# Two commands: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST := 127.0.0.1
PORT := 8000
LAB_SETTINGS := $(VENV)/etc/jupyter/labconfig/default_setting_overrides.json
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site test check lint validate unit lab bench lock clean

# Every dependency from the lock, the build backend included, each checked against its hashes and
# installed as pinned (--no-deps: no resolution left to chance, and none of older pips' trouble with
# extras in hash mode); then the project itself; then pip check proves the lock complete.
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

install: $(INSTALLED)

validate: install
	$(BIN)/kb validate

## serve: build the site and serve it on http://127.0.0.1:8000, rebuilding when data, notebooks or code change
serve: validate
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

site: validate
	$(BIN)/mkdocs build

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: install
	$(BIN)/pytest

## check: the fast loop while editing: lint, validation and the unit tests that need no site build or browser
check: install
	$(BIN)/ruff check .
	$(BIN)/kb validate
	$(BIN)/pytest -q -n auto -m "not browser and not slow"

## test: lint, data validation, unit tests, notebooks, site build and browser tests
test: lint validate unit

## lab: JupyterLab on the notebooks; the .py files open as notebooks (jupytext), on this venv's kernel
lab: install
	$(BIN)/jupytext-config --settings-file $(LAB_SETTINGS) set-default-viewer python
	$(BIN)/jupyter lab --notebook-dir=notebooks --allow-root

bench: install
	$(BIN)/python benchmarks/run.py

## lock: pin every dependency with its hashes from pyproject.toml and the versions in constraints.txt
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" .lock-venv/bin/pip-compile --quiet --generate-hashes --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --all-build-deps --allow-unsafe --constraint constraints.txt \
		--output-file requirements.lock pyproject.toml
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) site .cache .pytest_cache .hypothesis
