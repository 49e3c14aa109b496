# Two commands set everything up: `make demo` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RASHOMON := $(VENV)/bin/rashomon
SHARED ?= ../shared
DEMO_DB ?= demo.db

.PHONY: demo test lint bench soak fuzz eval-gate assets map-boundaries schema clean

# The venv is rebuilt when the pinned dependencies change. requirements.lock pins every
# transitive package, so a fresh machine gets the same versions we tested.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0  # first, so the extras below do not pull a CUDA build
	$(PY) -m pip install --quiet -c requirements.lock -e '.[web,postgres,ray,dev,embeddings]'
	touch $@

# A fresh demo.db each time: ingest the illustrative corpus (examples/demo_corpus/README.md), then summarise.
demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(RASHOMON) ingest examples/demo_corpus/reports --db $(DEMO_DB)
	$(RASHOMON) reports --db $(DEMO_DB)
	$(RASHOMON) incidents --db $(DEMO_DB)
	$(RASHOMON) brief --db $(DEMO_DB) $$($(RASHOMON) incidents --db $(DEMO_DB) --format json \
		| $(PY) -c "import json, sys; print(max(json.load(sys.stdin), key=lambda i: len(i['reports']))['id'])")

test: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests scripts fuzz
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -q -n 2 -m "not slow"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests scripts fuzz
	$(VENV)/bin/ruff format --check src tests scripts

# Floors per evaluation task in tests/eval/floors.json; each task skips when ../shared is absent.
eval-gate: $(VENV)/.installed
	$(VENV)/bin/pytest -q tests/eval

# Writes docs/performance.md; needs ../shared/data. BENCH_ARGS=--quick for a short run.
bench: $(VENV)/.installed
	$(PY) scripts/bench.py --shared $(SHARED) $(BENCH_ARGS)

# Front-end assets come from npm (versions and hashes pinned in package-lock.json). The copies under
# src/rashomon/web/static/vendor/ are committed build outputs, so `pip install` works without Node.
assets:
	npm ci --no-audit --no-fund
	$(PYTHON) scripts/vendor_assets.py

# Map boundaries for the offline web map, packaged from the gazetteer (committed build outputs).
map-boundaries:
	$(PYTHON) scripts/package_map.py --gazetteer $(SHARED)/gazetteer

# The long reliability checks: 20 SIGKILLs per backend, 100 clients for 60 s (docs/reliability.md).
soak: $(VENV)/.installed
	$(VENV)/bin/pytest -q -m slow tests/reliability
	$(PY) scripts/load_test.py --clients 100 --seconds 60 --write-doc

# Coverage-guided fuzzing of readers and parsers (atheris); FUZZ_RUNS executions per target.
FUZZ_RUNS ?= 100000
fuzz: $(VENV)/.installed
	$(PY) fuzz/campaign.py --runs $(FUZZ_RUNS)

schema: $(VENV)/.installed
	$(RASHOMON) schema > docs/schema.md

clean:
	rm -rf $(VENV) build dist *.egg-info $(DEMO_DB)
