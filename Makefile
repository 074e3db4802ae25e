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

.PHONY: install browser serve test lint bench models-check fold-taggers calibrated-taggers

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

# The span tagger of each fold of PolNeAR train, trained on the other four with the shipped
# tagger's recipe (ner_tagger with Adam: scripts/train_span_tagger.py), for the learned parts to
# learn beside spans no tagger saw in training and for scripts/cv_chain.py to measure each fold
# on them. Fold 0's is the shipped tagger (6,000 steps); folds 1-4's only tag train for the
# parts, and 3,000 steps serve (their volume is set afterwards, below). A step takes 0.2-0.4 s
# on one core of a Xeon or a fourth-generation EPYC, 0.8-0.95 s on a 2 GHz EPYC; `make -j2
# fold-taggers` trains two at a time (the shipped tagger is two models averaged, so each fold
# has two: about 90 minutes of two fifth-generation EPYC cores for the ten).
FOLD_TAGGERS := $(foreach k,0 1 2 3 4,build/span-tagger/models/fold$(k)_spantagger.pt)
TRAIN_EXTRA := $(VENV)/.train-extra

$(TRAIN_EXTRA): pyproject.toml | install
	$(BIN)/pip install --quiet -e '.[train]'
	touch $@

# TAGGER_ARGS passes ner_tagger's own options (make sees the files, not the recipe: remove
# taggers of another recipe first).
TAGGER_ARGS ?= -- --optim adam --lr 0.001
TAGGER := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python scripts/train_span_tagger.py

build/span-tagger/models/fold0_spantagger.pt: | $(TRAIN_EXTRA)
	$(TAGGER) --fold 0 --max-steps 6000 $(TAGGER_ARGS)

build/span-tagger/models/fold%_spantagger.pt: | $(TRAIN_EXTRA)
	$(TAGGER) --fold $* --max-steps 3000 $(TAGGER_ARGS)

# The shipped tagger's second model (span_tagger_b.pt: the engine averages the two), and each
# fold's, trained alike but for ner_tagger's seed; a fold's two are set to the shipped pair's
# volume together (one δ for both).
SEED_B := 9
FOLD_TAGGERS_B := $(foreach k,0 1 2 3 4,build/span-tagger/models/fold$(k)_spantagger_b.pt)

build/span-tagger/models/fold0_spantagger_b.pt: | $(TRAIN_EXTRA)
	$(TAGGER) --fold 0 --member b --tagger-seed $(SEED_B) --max-steps 6000 $(TAGGER_ARGS)

build/span-tagger/models/fold%_spantagger_b.pt: | $(TRAIN_EXTRA)
	$(TAGGER) --fold $* --member b --tagger-seed $(SEED_B) --max-steps 3000 $(TAGGER_ARGS)

fold-taggers: $(FOLD_TAGGERS) $(FOLD_TAGGERS_B)

# The fold taggers set to the shipped tagger's volume on the folds they never saw (a few
# minutes; fold 0's is the shipped one), for the learned parts to learn beside:
# scripts/calibrate_fold_taggers.py.
CALIBRATED := build/span-tagger/calibrated/calibration.json
$(CALIBRATED): $(filter-out %/fold0_spantagger.pt %/fold0_spantagger_b.pt,$(FOLD_TAGGERS) $(FOLD_TAGGERS_B))
	OMP_NUM_THREADS=1 $(BIN)/python scripts/calibrate_fold_taggers.py

calibrated-taggers: $(CALIBRATED)

# Each learned part retrained from PolNeAR train, in the order they feed one another, beside
# each fold's spans by the calibrated tagger that never saw it; fails when a training script no
# longer reproduces what ships (the engine changed under it). Not CI: it parses train once
# (3-10 minutes on two cores, kept in build/train-parses) and needs the fold taggers above.
PARTS_ARGS := --tags-from folds --fold-taggers build/span-tagger/calibrated
models-check: $(CALIBRATED) | $(TRAIN_EXTRA)
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_speaker_choice.py --write $(PARTS_ARGS)
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_content_choice.py --write $(PARTS_ARGS)
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_confidence.py --write --threshold 0.5 $(PARTS_ARGS)
	git diff --exit-code --stat attribution/nlp/data
