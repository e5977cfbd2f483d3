# Protocol Guide: the two commands a newcomer needs are `make serve` and `make test`.
# Each sets up everything it needs first (virtual environment, Python and npm packages,
# and Debian's chromium and nginx for the browser tests), so both work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: setup system serve build check test test-fast bench bench-wizard bench-engine clean lint mutants search-eval search-scale

setup: system $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages: chromium for the browser tests, nginx as the static web server in front of the
# site, with its module that serves the build's .br copies.
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing="$$missing nginx"; \
	brotli=""; [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || brotli=libnginx-mod-http-brotli-static; \
	sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	if [ -n "$$missing$$brotli" ]; then $$sudo apt-get update -qq; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi; \
	if [ -n "$$brotli" ]; then \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$brotli >/dev/null \
	    || echo "Note: $$brotli is not available here; the test server will send gzip, not brotli."; \
	fi

serve: setup
	$(BIN)/protocol-guide serve --port $(PORT)

build: setup
	$(BIN)/protocol-guide build

check: $(VENV)/.installed
	$(BIN)/protocol-guide check

test: setup
	$(BIN)/python -m pytest --durations=25

# Everything but the browser tests: no Chromium, no nginx, under a minute. On both cores
# (pytest-xdist; each test file stays on one worker, and the workers share one built site).
test-fast: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest -m 'not browser' -q -n 2 --dist loadfile

# Types (mypy; generator is a namespace package, hence -p) and a linter (ruff); settings in pyproject.toml.
lint: $(VENV)/.installed
	$(BIN)/mypy -p generator
	$(BIN)/ruff check generator tests

# Seeds mistakes into a copy of decision_trees/ and checks the fast tests catch every one.
mutants: $(VENV)/.installed
	$(BIN)/python tests/mutants.py

# The runtime's cost (bench-engine), then scale: build time, site size and largest page with 5,
# 30 and 300 synthetic councils. Run it on a quiet machine: it reports times.
bench: setup bench-engine
	$(BIN)/python tests/bench.py

# The wizard in Chromium: engine start, main-thread tasks, click to next step, bytes.
bench-wizard: setup
	$(BIN)/python tests/bench_wizard.py

# The runtime's cost: first-visit and repeat bytes, engine ready cold and warm, shipped beside stock.
bench-engine: setup
	flock /tmp/pg-browser.lock $(BIN)/python tests/bench_engine.py

# Search: top-3 hit rate and MRR per council over tests/search_queries.yaml, typed into the real box.
search-eval: setup
	$(BIN)/python tests/search_eval.py

# Search: bytes of a first search with 5 and with 60 synthetic councils.
search-scale: setup
	$(BIN)/python tests/search_scale.py

clean:
	rm -rf site .venv node_modules .pytest_cache
