# Two commands set everything up on a fresh machine:
#   make serve   install, migrate the embedded SQLite database, ingest samples/, serve the API
#   make test    install (with Chromium and axe-core for the browser tests), run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STANZA_RESOURCES_DIR ?= $(abspath ../shared/stanza_resources)
DATABASE_URL ?= sqlite:///$(abspath instance/attribution.sqlite)
HOST ?= 127.0.0.1
PORT ?= 5000
export STANZA_RESOURCES_DIR

.PHONY: install browser serve test lint bench

$(BIN)/attribution: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and pinned: the CPU build; anything looser pulls a multi-GB CUDA build
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The browser tests (tests/browser): Debian's Chromium, and axe-core from npm.
AXE := tests/browser/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get install -y --no-install-recommends chromium \
	  || ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

browser: $(AXE) /usr/bin/chromium

install: $(BIN)/attribution

serve: install
	mkdir -p instance
	DATABASE_URL=$(DATABASE_URL) $(BIN)/attribution db upgrade
	DATABASE_URL=$(DATABASE_URL) $(BIN)/attribution ingest samples/
	DATABASE_URL=$(DATABASE_URL) $(BIN)/attribution serve --host $(HOST) --port $(PORT)

test: install browser
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check attribution tests bench
	$(BIN)/mypy attribution

# Side by side on PolNeAR dev: bare Stanza, extract, ingest on SQLite and PostgreSQL, textacy.
BENCH_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	BENCH_POSTGRES_URL=$(BENCH_POSTGRES_URL) $(BIN)/python bench/throughput.py
