# De twee commando's: `make run` en `make test`. Zie README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Lokaal draaien is ontwikkeling; productie zet DEBUG=0 en een echte SECRET_KEY.
export DEBUG ?= 1

.PHONY: run test lint setup setup-dev bench bench-load clean

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
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	@[ -x /usr/bin/chromium ] || echo "LET OP: /usr/bin/chromium ontbreekt; de browsertests worden overgeslagen (apt-get install chromium)."
	$(VENV)/bin/pytest

# Import van 1.000.000 rijen open data politie (synthetisch) naast een kale COPY; op PostgreSQL
# (DATABASE_URL, anders postgres://postgres@127.0.0.1:5432/ivp_bench). Geen deel van make test.
bench: setup-dev
	$(PY) scripts/bench_import.py

# 50 gelijktijdige bezoekers, 60 s, op gunicorn en PostgreSQL, alleen op 127.0.0.1 (README
# "Belasting"); installeert zo nodig het Debian-pakket wrk. BENCH_LOAD_ARGS=--matrix meet 2-5
# werkprocessen, sync en gthread. Geen deel van make test.
BENCH_LOAD_ARGS ?=
bench-load: setup-dev
	@command -v wrk >/dev/null || apt-get install -y wrk
	timeout 1200 $(PY) scripts/bench_load.py $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
