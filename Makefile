# Two commands: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST := 127.0.0.1
PORT := 8000

.PHONY: install serve test lint validate unit lab clean

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(INSTALLED)

validate: install
	$(BIN)/kb validate

serve: validate
	$(BIN)/python -m http.server --bind $(HOST) $(PORT) --directory data

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: install
	$(BIN)/pytest

test: lint validate unit

lab: install
	$(BIN)/jupyter lab --notebook-dir=notebooks

clean:
	rm -rf $(VENV) site .cache .pytest_cache .hypothesis
