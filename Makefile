# One command per habit, the same locally and in CI.
PYTHON ?= .venv/bin/python
PIP ?= .venv/bin/pip
STREAMLIT ?= .venv/bin/streamlit

.PHONY: setup run test test-fast validate data lint bench soak audit clean

.venv/bin/python:
	python3 -m venv .venv

setup: .venv/bin/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt -c constraints.txt

run: setup
	$(STREAMLIT) run dashboard.py

test: setup
	$(PYTHON) -m pytest

test-fast:
	$(PYTHON) -m pytest -m "not browser"

validate:
	$(PYTHON) -m gdclusters.validate data

data:
	$(PYTHON) -m geo.build_boundaries

lint:
	$(PYTHON) -m ruff check .

bench:
	$(PYTHON) -m benchmarks.run

soak:
	$(PYTHON) -m benchmarks.soak

audit:
	$(PYTHON) -m pip_audit -r requirements.txt

clean:
	rm -rf .pytest_cache .ruff_cache build
