# De twee commando's: `make run` en `make test`. Zie README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Lokaal draaien is ontwikkeling; productie zet DEBUG=0 en een echte SECRET_KEY.
export DEBUG ?= 1

.PHONY: run test lint setup setup-dev bench bench-pages bench-grafieken bench-load clean plotly

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.run $@

setup: $(VENV)/.run

setup-dev: $(VENV)/.dev

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py laad_brondata
	@echo "Dashboard: http://127.0.0.1:$(PORT)/  inloggen: http://127.0.0.1:$(PORT)/inloggen/  beheer: http://127.0.0.1:$(PORT)/admin/"
	@echo "Nog geen account? $(PY) manage.py maak_adviseur NAAM --gemeente baarn (adviseur) of --beheerder (zie README)"
	@# De worker voor de taken (een bevestigde import, het ophalen bij het CBS) draait naast de
	@# server en stopt met hem: bij Ctrl+C, of als de server om een andere reden stopt.
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Worker voor de import: proces $$worker (manage.py db_worker)"; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	@[ -x /usr/bin/chromium ] || echo "LET OP: /usr/bin/chromium ontbreekt; de browsertests worden overgeslagen (apt-get install chromium)."
	$(VENV)/bin/pytest

# De drie doelen van de import (issue 13), elk met gehaald/niet gehaald: 1.000.000 rijen open data
# politie (synthetisch) tegen COPY in cijfers_cijfer, een landelijk maandbestand van 3.000.000
# rijen door importeer_cijfers, en de gebiedspagina tijdens een import. Op PostgreSQL
# (DATABASE_URL, anders postgres://postgres@127.0.0.1:5432/ivp_bench). Geen deel van make test.
bench: setup-dev
	$(PY) scripts/bench_import.py

# plotly.js voor de grafieken: de partiële bundel "basic" (scatter, bar, pie) van precies de
# plotly.js-versie waarvoor het vastgepinde plotly-pakket figuren schrijft, met de Nederlandse
# locale, de licentie en de versie (VERSION) in static/plotly/. Haalt de pakketten
# met `npm pack` uit de npm-registry; tests/test_voorkant.py faalt als de versies verschillen.
PLOTLY_MAP := static/plotly
plotly: setup
	@set -e; \
	versie=$$($(PY) -c "from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())"); \
	tijdelijk=$$(mktemp -d); \
	trap 'rm -rf "$$tijdelijk"' EXIT; \
	(cd "$$tijdelijk" && npm pack --silent plotly.js-basic-dist-min@$$versie plotly.js@$$versie >/dev/null); \
	tar -xzf "$$tijdelijk/plotly.js-basic-dist-min-$$versie.tgz" -C "$$tijdelijk" package/plotly-basic.min.js package/LICENSE; \
	tar -xzf "$$tijdelijk/plotly.js-$$versie.tgz" -C "$$tijdelijk" package/dist/plotly-locale-nl.js; \
	mkdir -p $(PLOTLY_MAP); \
	cp "$$tijdelijk/package/plotly-basic.min.js" $(PLOTLY_MAP)/plotly.min.js; \
	cp "$$tijdelijk/package/dist/plotly-locale-nl.js" $(PLOTLY_MAP)/plotly-locale-nl.js; \
	cp "$$tijdelijk/package/LICENSE" $(PLOTLY_MAP)/LICENSE; \
	echo "$$versie" > $(PLOTLY_MAP)/VERSION; \
	echo "plotly.js $$versie (basic) en locale nl in $(PLOTLY_MAP)/"

# Hoe snel de grafieken van /gebieden/baarn/ op het scherm staan (headless Chromium, koude en
# warme cache) en hoeveel er over de lijn gaat; onder gunicorn met DEBUG=0. Geen deel van make test.
bench-grafieken: setup-dev
	$(PY) scripts/bench_grafieken.py

# Elke pagina op de brongegevens en met een landelijke dataset (3,5 miljoen synthetische
# cijfers, COPY) op PostgreSQL (DATABASE_URL, anders .../ivp_bench_paginas): koud (de eerste
# na een nieuwe gegevensversie) en warm (onderdelencache). Geen deel van make test.
bench-pages: setup-dev
	$(PY) scripts/bench_paginas.py

# 50 gelijktijdige bezoekers, 60 s, op gunicorn en PostgreSQL, alleen op 127.0.0.1 (README
# "Belasting"), met de paginacache per gegevensversie zoals in productie; installeert zo nodig
# het Debian-pakket wrk. BENCH_LOAD_ARGS=--matrix meet 2-5 werkprocessen, sync en gthread;
# BENCH_LOAD_ARGS="--wijzig-elke 5" maakt elke 5 s een nieuwe gegevensversie. Geen deel van make test.
BENCH_LOAD_ARGS ?=
bench-load: setup-dev
	@command -v wrk >/dev/null || apt-get install -y wrk
	timeout 1200 $(PY) scripts/bench_load.py $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
