# Weiterbildungslotse: `make run` starts everything, `make test` checks everything.
# Both set up what is missing first (virtual environments, database, trained model).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.8–3.10: pyenv's 3.10, else python3.10 on PATH.
PYTHON310 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10 $(HOME)/.pyenv/versions/3.10.*/bin/python3.10) $(shell command -v python3.10 2>/dev/null))

RASA_ENV := .venv
APP_ENV := .venv-app
# Measuring tools (py-spy), kept apart from what Rasa and the application run with.
BENCH_ENV := .venv-bench
# Load generator (Locust) for make bench-load.
LOAD_ENV := .venv-load
RASA := $(RASA_ENV)/bin/rasa
PY := $(APP_ENV)/bin/python
MODEL_STAMP := models/.trained
# The domain, split by topic (lotse/domain_files.py). Rasa's default is domain.yml: every Rasa
# command that reads the domain gets `--domain $(DOMAIN)`.
DOMAIN := domain
TRAINING_INPUTS := $(wildcard $(DOMAIN)/*.yml) config.yml knowledge/reading.yml $(shell find data -name '*.yml' 2>/dev/null) \
                   $(wildcard rasa_addons/nlu/*.py)
# Word lists the NLU reads when it is trained (stored with the model): Debian's wngerman and
# wamerican (rasa_addons/nlu/normalizer.py, language.py).
WORD_LISTS := /usr/share/dict/ngerman /usr/share/dict/american-english

export PYTHONHASHSEED := 0
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# Rasa's dependencies print pages of deprecation warnings that say nothing about this project.
export PYTHONWARNINGS := ignore::DeprecationWarning
# TensorFlow: quiet, and reproducible figures across runs.
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_DETERMINISTIC_OPS := 1

.PHONY: help setup run test check test-stories test-nlu train eval validate rules nlu-data lint bench bench-search bench-nlu bench-understanding \
        bench-dialogue bench-load test-scale scale-deps \
        db catalogue pg clean widget browser wordlists

help:
	@echo "make run    – alles einrichten und Assistent, Aktionsserver und Webseite starten"
	@echo "make check  – schnell: Lint, Prüfung der Daten, Unit- und Aktionstests (ohne Server, ohne Modell)"
	@echo "make test   – alles einrichten und alle Tests ausführen"
	@echo "make train  – Modell neu trainieren, falls sich Trainingsdaten geändert haben"
	@echo "make eval   – Modellqualität messen (NLU-Testsätze, Teststories, Journeys), Bericht in reports/"
	@echo "make bench  – Kurssuche, NLU-Einstellungen und Antwortzeiten messen (dauert)"
	@echo "make bench-dialogue – Antwortzeit je Runde neben einem Stock-Rasa-Bot, mit Profil"
	@echo "make bench-load – Last in Stufen bis p95 > 1 s, eine und zwei Instanzen hinter nginx"
	@echo "make test-scale – Produktionsprofil (PostgreSQL, Redis, 2 Rasa, 2 Aktionsserver, nginx) mit Ausfällen"

python310:
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 fehlt (Rasa 3.6 braucht 3.8–3.10)."; \
	  echo "Bitte installieren, z. B. mit 'pyenv install 3.10.13' oder dem Paket python3.10."; \
	  exit 1; fi

$(RASA_ENV)/.installed: requirements/rasa.txt | python310
	@[ -x $(RASA_ENV)/bin/python ] || $(PYTHON310) -m venv $(RASA_ENV)
	$(RASA_ENV)/bin/pip install --quiet --upgrade pip wheel
	$(RASA_ENV)/bin/pip install --quiet -r requirements/rasa.txt
	@touch $@

$(APP_ENV)/.installed: requirements/app.txt | python310
	@[ -x $(APP_ENV)/bin/python ] || $(PYTHON310) -m venv $(APP_ENV)
	$(APP_ENV)/bin/pip install --quiet --upgrade pip wheel
	$(APP_ENV)/bin/pip install --quiet -r requirements/app.txt
	@touch $@

$(LOAD_ENV)/.installed: requirements/load.txt | python310
	@[ -x $(LOAD_ENV)/bin/python ] || $(PYTHON310) -m venv $(LOAD_ENV)
	$(LOAD_ENV)/bin/pip install --quiet -r requirements/load.txt
	@touch $@

$(BENCH_ENV)/.installed: requirements/bench.txt | python310
	@[ -x $(BENCH_ENV)/bin/python ] || $(PYTHON310) -m venv $(BENCH_ENV)
	$(BENCH_ENV)/bin/pip install --quiet -r requirements/bench.txt
	@touch $@

setup: $(RASA_ENV)/.installed $(APP_ENV)/.installed db $(MODEL_STAMP) widget

# The chat widget: its ES modules (web/widget/src/, entry main.js) and socket.io-client, bundled
# by esbuild into one script (web/widget/build.mjs); both from the npm registry
# (web/widget/package-lock.json; esbuild's binary is its optional package @esbuild/<platform>,
# which needs no install script); nothing from a CDN.
WIDGET := web/static/widget/lotse-chat.js
web/widget/node_modules/.installed: web/widget/package.json web/widget/package-lock.json
	@command -v npm >/dev/null || { echo "npm fehlt (Node.js 18+ installieren)."; exit 1; }
	cd web/widget && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(WIDGET): web/widget/node_modules/.installed $(wildcard web/widget/src/*) web/widget/build.mjs
	cd web/widget && node build.mjs

# The unit tests of the widget's pure functions (Node's own test runner, web/widget/test/).
.PHONY: widget-test
widget-test: web/widget/node_modules/.installed
	cd web/widget && node --test test/*.test.mjs

# The staff console's charts (/staff/zahlen): Chart.js from the npm registry
# (web/staff/package-lock.json), copied without its source map; not committed either.
CHARTS := web/static/staff/vendor/chart.umd.js
web/staff/node_modules/.installed: web/staff/package.json web/staff/package-lock.json
	@command -v npm >/dev/null || { echo "npm fehlt (Node.js 18+ installieren)."; exit 1; }
	cd web/staff && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(CHARTS): web/staff/node_modules/.installed
	@mkdir -p $(@D)
	grep -v '^//# sourceMappingURL=' web/staff/node_modules/chart.js/dist/chart.umd.min.js > $@

widget: $(WIDGET) $(CHARTS)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@if ! command -v chromium >/dev/null; then \
	  echo "Chromium wird installiert (apt-get) ..."; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q chromium >/dev/null; fi

db: $(APP_ENV)/.installed
	@$(PY) -m lotse.cli check-knowledge
	@$(PY) -m lotse.cli init-db

# An empty course catalogue gets the demo catalogue (65,000 invented courses) so that the
# assistant can be tried out; DEMO_CATALOGUE=0 leaves it empty.
catalogue: db
	@if [ "$${DEMO_CATALOGUE:-1}" != "0" ]; then $(PY) -m lotse.cli demo-catalogue --if-empty; fi

# PostgreSQL for the tests that run on both databases (Debian package; the tests start
# their own throw-away server). Skipped where it is installed already.
pg:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  echo "PostgreSQL wird installiert (apt-get) ..."; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q postgresql postgresql-contrib >/dev/null; fi

# The production profile's servers for `make test-scale` and `make bench-load` (Debian
# packages; the tests start their own on loopback and stop them again).
scale-deps: pg
	@if ! command -v redis-server >/dev/null || ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then \
	  echo "Redis und nginx werden installiert (apt-get) ..."; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q redis-server nginx-light >/dev/null; fi

# Generated training data, derived from the tables in scripts/ and from knowledge/
# (data/rules/generated_forms.yml from knowledge/forms.yml; data/nlu/synonyms.yml and lookups).
rules: $(APP_ENV)/.installed
	$(PY) scripts/generate_intake_rules.py

nlu-data: $(APP_ENV)/.installed
	$(PY) scripts/generate_nlu_data.py

wordlists:
	@if [ ! -f /usr/share/dict/ngerman ] || [ ! -f /usr/share/dict/american-english ]; then \
	  echo "Wortlisten werden installiert (apt-get: wngerman, wamerican) ..."; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q wngerman wamerican >/dev/null; fi

# Train only when training data, domain or config changed.
$(MODEL_STAMP): $(TRAINING_INPUTS) $(RASA_ENV)/.installed | wordlists
	@mkdir -p models
	$(RASA) train --domain $(DOMAIN) --fixed-model-name lotse --out models
	@touch $@

train: $(MODEL_STAMP)

# Model quality over time (not part of `make test`: it takes a while). The held-out NLU files,
# the test stories and the journeys on the current model, then a dated report beside the ones
# before (reports/<date>.json and .md, with the differences). The journeys run against the
# servers tests/e2e starts on its test ports, hence the lock; failures are in the report and
# do not stop it.
eval: $(MODEL_STAMP) $(APP_ENV)/.installed
	@rm -rf results/nlu results/core results/journeys.json
	$(RASA) test nlu --model models/lotse.tar.gz --nlu tests/nlu --out results/nlu --successes --no-plot
	$(RASA) test core --model models/lotse.tar.gz --stories tests/stories --out results/core \
	  --successes --no-plot
	-JOURNEYS_JSON_OUT=results/journeys.json flock /tmp/e2e.lock \
	  $(PY) -m pytest -q -p no:cacheprovider tests/e2e/test_journeys.py -k visitors_reach_what_they_came_for
	$(PY) scripts/eval_report.py

# The editors' checks first (lotse/data_checks: file, line and what to change, in German); then
# domain and data must load; stories and rules must not contradict each other (strict).
validate: $(RASA_ENV)/.installed $(APP_ENV)/.installed
	$(PY) -m lotse.cli check-data
	$(RASA) data validate --domain $(DOMAIN)
	$(RASA) data validate stories --domain $(DOMAIN) --max-history 5 --fail-on-warning

run: setup catalogue
	$(PY) scripts/run.py

lint: $(APP_ENV)/.installed
	$(APP_ENV)/bin/ruff check lotse actions action_server web scripts tests rasa_addons

# The training uses about one core: `make check` (needs no model) runs beside it.
test: pg scale-deps browser
	$(MAKE) --no-print-directory -j2 --output-sync=target setup check
	$(MAKE) --no-print-directory -j2 --output-sync=target test-stories test-nlu
	$(PY) -m pytest -q --durations=8 tests/e2e
	$(PY) -m pytest -q --durations=8 tests/scale

# The test stories and the held-out NLU sentences on the trained model (side by side in `make test`).
test-stories: $(MODEL_STAMP)
	$(RASA) test core --model models/lotse.tar.gz --stories tests/stories \
	  --fail-on-prediction-errors --out results/core

test-nlu: $(MODEL_STAMP)
	$(RASA) test nlu --model models/lotse.tar.gz --nlu tests/nlu --out results/nlu --successes
	# The understanding issue's targets: macro F1, messages of 15+ words, every intent.
	$(PY) scripts/nlu_gate.py results/nlu --min-macro-f1 0.93 --min-long-macro-f1 0.90 --min-intent-f1 0.85

# The fast loop: lint, the editors' checks, the widget's unit tests and the unit and action tests
# (`pytest` alone: no servers, no trained model; PostgreSQL too where it is installed).
check: lint validate widget-test db widget wordlists
	$(PY) -m pytest -q -n 2

# Several instances on PostgreSQL and Redis behind nginx, and parts failing (tests/scale/).
test-scale: setup scale-deps
	$(PY) -m pytest -q --durations=8 tests/scale

bench: bench-search bench-understanding bench-nlu bench-dialogue bench-load

# Answer time per turn over the REST channel, beside a stock `rasa init` bot started in the
# same run, then where a turn's time goes (py-spy). BENCH_ARGS, e.g. "--conversations 40".
bench-dialogue: setup $(BENCH_ENV)/.installed
	$(PY) scripts/bench_dialogue.py --profile $(BENCH_ARGS)

# Growing load on the production profile (tests' stack): 1 instance, then 2 behind nginx.
# LOAD_ARGS, e.g. "--step-users 5 --max-users 100".
bench-load: setup scale-deps $(LOAD_ENV)/.installed
	$(PY) scripts/bench_load.py $(LOAD_ARGS)

bench-search: setup pg
	$(PY) scripts/bench_search.py

bench-nlu: setup
	$(PY) scripts/bench_nlu.py

bench-understanding: setup
	$(PY) scripts/bench_understanding.py

clean:
	rm -rf models results var .pytest_cache
