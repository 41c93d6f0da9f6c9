# One command per habit, the same locally and in CI.
PYTHON ?= .venv/bin/python
PIP ?= .venv/bin/pip
STREAMLIT ?= .venv/bin/streamlit

# The locks (requirements.txt, requirements-dev.txt) carry every transitive pin with its hashes; `make lock`
# remakes them from requirements.in and requirements-dev.in (uv prefers the versions already locked).
LOCK = .venv/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28

.PHONY: setup setup-run run serve-replicas static check test test-serial test-fast validate coverage data lint bench bench-network soak capacity audit lock clean screenshots

.venv/bin/python:
	python3 -m venv .venv

# Runtime only: what a newcomer's first `make run` needs (no test browser driver, no boundary source).
setup-run: .venv/bin/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q --require-hashes -r requirements.txt

# Everything: tests, data build and tooling; `npm ci` installs axe-core (package-lock.json) for the accessibility test.
setup: .venv/bin/python
	$(PIP) install -q --upgrade pip
	$(PIP) install -q --require-hashes -r requirements-dev.txt
	npm ci --no-audit --no-fund

run: setup-run
	$(STREAMLIT) run dashboard.py

# REPLICAS Streamlit servers (ports 8501, 8502, ...) behind nginx on 127.0.0.1:PORT, with sticky sessions; Ctrl+C
# stops them all; with TLS_CERT=cert.pem TLS_KEY=key.pem, HTTPS and HTTP/2. The nginx config, pid, logs and temp
# dirs go to deploy/run/ (README, "Running in production").
REPLICAS ?= 2
PORT ?= 8500
serve-replicas: setup-run
	$(PYTHON) -m deploy.replicas --replicas $(REPLICAS) --port $(PORT) $(if $(TLS_CERT),--tls-cert "$(TLS_CERT)") $(if $(TLS_KEY),--tls-key "$(TLS_KEY)")

# Format, lint (wider rule set) and types: what the gate checks before any test. CI runs it before the suite.
static: setup
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy

# The gate, in order: static, then the fast tests.
check: static
	$(PYTHON) -m pytest -m "not browser and not server"

# The whole suite, as two pytest processes side by side (browser and server tests | fast tests): tests/parallel.py.
test: setup
	$(PYTHON) -m tests.parallel

# The whole suite in one process, one test after another (slower; one log).
test-serial: setup
	$(PYTHON) -m pytest

test-fast:
	$(PYTHON) -m pytest -m "not browser and not server"

validate:
	$(PYTHON) -m gdclusters.validate data

coverage:
	$(PYTHON) -m gdclusters.coverage data

data:
	$(PYTHON) -m geo.build_boundaries

lint:
	$(PYTHON) -m ruff check .

bench:
	$(PYTHON) -m benchmarks.run
	$(PYTHON) -m benchmarks.network
	$(PYTHON) -m benchmarks.http2

# First and repeat visits over emulated 4 and 1.6 Mbit/s networks; writes its own section of BENCHMARKS.md.
bench-network:
	$(PYTHON) -m benchmarks.network

soak:
	$(PYTHON) -m benchmarks.soak

# Simulated users over Streamlit's WebSocket protocol (no browser), floor and dashboard taking turns; ~10 minutes.
capacity:
	$(PYTHON) -m benchmarks.capacity

# The README's screenshots (docs/screenshots/): every page in English at desktop and phone widths, from a running app.
screenshots:
	$(PYTHON) -m tests.support.screenshots

audit:
	$(PYTHON) -m pip_audit -r requirements.txt

lock: setup
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf .pytest_cache .ruff_cache build
