# Protocol Guide: the two commands a newcomer needs are `make serve` and `make test`.
# Each sets up everything it needs first (virtual environment, Python and npm packages,
# and Debian's chromium and nginx for the browser tests), so both work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: setup system serve build check test test-fast bench clean

setup: system $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages: chromium for the browser tests, nginx as the static web server in front of the site.
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

serve: setup
	$(BIN)/protocol-guide serve --port $(PORT)

build: setup
	$(BIN)/protocol-guide build

check: $(VENV)/.installed
	$(BIN)/protocol-guide check

test: setup
	$(BIN)/python -m pytest

# Everything but the browser tests: no Chromium, no nginx, under a minute.
test-fast: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest -m 'not browser' -q

bench: setup
	$(BIN)/python -m tests.bench

clean:
	rm -rf site .venv node_modules .pytest_cache
