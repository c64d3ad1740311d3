# The two commands a user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench accuracy chromium screenshots web-bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Install, then code the bundled sample articles into eventwire.duckdb and show the events.
demo: $(STAMP)
	$(BIN)/eventwire ingest samples/ --db eventwire.duckdb --recode
	$(BIN)/eventwire events --db eventwire.duckdb

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

## Install, lint, run the whole test suite.
test: $(STAMP) chromium
	$(BIN)/ruff check eventwire tests benchmarks
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

## Main list and timeline latency over 100,000 stored events (numbers in docs/web.md).
web-bench: $(STAMP)
	$(BIN)/python benchmarks/web_latency.py

## Regenerate docs/screenshots/ from the samples.
screenshots: $(STAMP) chromium
	$(BIN)/python benchmarks/screenshots.py

## Score every suite on ../shared/gold and regenerate docs/accuracy.md.
accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
