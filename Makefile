# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench accuracy

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Install, then code the bundled sample articles into eventwire.duckdb and show the events.
demo: $(STAMP)
	$(BIN)/eventwire ingest samples/ --db eventwire.duckdb
	$(BIN)/eventwire events --db eventwire.duckdb

## Install, lint, run the whole test suite.
test: $(STAMP)
	$(BIN)/ruff check eventwire tests benchmarks
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

## Score every suite on ../shared/gold and regenerate docs/accuracy.md.
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
