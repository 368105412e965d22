# tally: `make run` sets everything up and shows the example ledger; `make test` checks it all.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
VENV := .venv
TALLY := $(VENV)/bin/tally
PY := $(VENV)/bin/python
SHARED ?= ../shared
EXAMPLE_DB ?= examples.db
# The interpreter of the environment: the distribution's CPython where there is one. Its
# interpreter is linked statically, where pyenv's default build (and a python.org-style
# --enable-shared one) calls through libpython.so: tally is pure Python, and on this
# project's machines runs about 13% faster on the distribution's (same exports). Else uv's
# choice; `make PYTHON=/path/to/python3.12 install` picks one.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11 /usr/bin/python3.12))
STAMP := $(VENV)/.installed$(subst /,-,$(PYTHON))

.PHONY: install run test test-fast lint format bench bench-scale eval train clean

$(STAMP): pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q uv
	$(UV) sync --frozen --compile-bytecode $(if $(PYTHON),--python $(PYTHON))
	@rm -f $(VENV)/.installed*; touch $@

# Byte-compiled once, so no process (CLI, worker, test) compiles sources at start-up,
# even where PYTHONDONTWRITEBYTECODE is set; up-to-date files are skipped.
install: $(STAMP)
	@$(PY) -m compileall -q src

# Rebuilt from examples/ each time (so it shows this version's extraction); reviewers'
# corrections in an existing examples.db are carried over to the rebuilt one.
run: install
	@set -e; keep=""; \
	if [ -e $(EXAMPLE_DB) ]; then \
	  keep=$$(mktemp); $(TALLY) corrections export --db $(EXAMPLE_DB) --out $$keep >/dev/null; \
	  echo "rebuilding $(EXAMPLE_DB) from examples/; its corrections are carried over"; \
	fi; \
	rm -f $(EXAMPLE_DB) $(EXAMPLE_DB)-wal $(EXAMPLE_DB)-shm; \
	$(TALLY) ingest --db $(EXAMPLE_DB) examples/; \
	if [ -n "$$keep" ]; then $(TALLY) corrections import --db $(EXAMPLE_DB) $$keep; rm -f $$keep; fi
	$(TALLY) incidents --db $(EXAMPLE_DB)

test: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/pytest -n 2 --dist loadgroup

test-fast: install
	$(VENV)/bin/pytest -n 2 -m "not slow and not browser"

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

bench: install
	$(PY) bench/run.py --shared $(SHARED)

# A reviewer's merge and 100 new documents in a 100,000-document ledger (built once, cached
# in ~/.cache/tally-bench), then ingest throughput at 10,000 and 100,000 documents.
REVIEW_DOCS ?= 100000
bench-scale: install
	$(PY) bench/scale.py --shared $(SHARED) --review $(REVIEW_DOCS)
	$(PY) bench/scale.py --shared $(SHARED)

# The learnt total-chooser (src/tally/totals_model.json) refitted on the coded dev splits and
# gva-dev, with the rules-versus-model table on their held-back rows; TRAIN_CACHE keeps the
# ingested ledgers between runs (delete it after extraction changes).
TRAIN_CACHE ?=
train: install
	$(PY) bench/train.py --shared $(SHARED) $(if $(TRAIN_CACHE),--cache $(TRAIN_CACHE))

# Figure-level corpora scored by `tally eval` (per rule, per language); incident-level ones
# (gva-dev and the coded datasets' dev splits, full) by `tally eval-incidents`.
EVAL_FIGURES ?= seeds dev genres multilingual
EVAL_INCIDENTS ?= gva-dev coded/rand-dev coded/gtd-dev coded/acled-dev coded/wad-dev

eval: install
	@set -e; for corpus in $(EVAL_FIGURES); do \
	  d=$(SHARED)/corpus/$$corpus; tmp=$$(mktemp -d); \
	  $(TALLY) ingest -q --db $$tmp/l.db $$d >/dev/null; \
	  echo "== $$corpus"; $(TALLY) eval --db $$tmp/l.db $$d/gold.json --rules; \
	  rm -rf $$tmp; \
	done; \
	for corpus in $(EVAL_INCIDENTS); do \
	  d=$(SHARED)/corpus/$$corpus; tmp=$$(mktemp -d); \
	  $(TALLY) ingest -q -j 2 --db $$tmp/l.db --manifest $$d/manifest.jsonl >/dev/null; \
	  echo "== $$corpus"; $(TALLY) eval-incidents --db $$tmp/l.db $$d/incidents.json; \
	  rm -rf $$tmp; \
	done

clean:
	rm -rf $(VENV) $(EXAMPLE_DB)* .pytest_cache tests/artifacts
