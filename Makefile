# Officium — the two commands are `make run` and `make test`; the rest are their parts.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/venv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# The first interpreter on PATH that is Python 3.12 or newer (pyenv shims answer per .python-version).
PYTHON := $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; \
	then command -v $$p; break; fi; done)

FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json)
PYTEST_WORKERS ?= 2

.PHONY: help run test install build bench ci lint typecheck importlint test-frontend test-python \
	schema api-types messages chromium wrk clean

help:
	@echo "make run    install everything, build, migrate, load the demo company and serve"
	@echo "make test   install everything and run every check and test"
	@echo "make bench  run the benchmarks (NAME=<name> QUICK=1 for one, reduced)"
	@echo "make schema / api-types   regenerate schema/openapi.json / the front end's API types"

# --- installation -------------------------------------------------------------------------------------
$(UV):
	@if [ -z "$(PYTHON)" ]; then echo "Officium needs Python 3.12 or newer on PATH." >&2; exit 1; fi
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null \
		|| { echo "Officium needs Node.js 20 or newer on PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(TOOLS)/venv
	$(TOOLS)/venv/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed frontend/node_modules/.installed

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

build: install frontend/dist/index.html

# --- the two commands -----------------------------------------------------------------------------------
run: build
	@export OFFICIUM_ENVIRONMENT=$${OFFICIUM_ENVIRONMENT:-development}; \
	$(BIN)/officium migrate --verbosity 0 && \
	$(BIN)/officium demo && \
	exec $(BIN)/officium serve --host $${OFFICIUM_HOST:-127.0.0.1} --port $${OFFICIUM_PORT:-8000}

test: build chromium lint typecheck importlint test-frontend test-python

# --- checks -----------------------------------------------------------------------------------------------
lint: install
	$(BIN)/ruff check backend bench
	$(BIN)/ruff format --check backend bench
	cd frontend && npm run --silent lint

typecheck: install
	$(BIN)/mypy
	cd frontend && npm run --silent typecheck

importlint: install
	$(BIN)/lint-imports --no-cache

test-frontend: install
	cd frontend && npm run --silent test

# The whole Python suite: unit, API, flows, the schemathesis run and the browser tests.
test-python: build chromium
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# A Debian package a target needs: installed when missing and we are root, else a clear message.
define debian_package
	@if command -v $(1) >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's $(1) for $(2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
		echo "$(2) need $(1): run 'sudo apt-get install $(1)'." >&2; \
		exit 1; \
	fi
endef

chromium:
	$(call debian_package,chromium,the browser tests)

wrk:
	$(call debian_package,wrk,the benchmarks)

# --- generated files --------------------------------------------------------------------------------------
schema: install
	OFFICIUM_ENVIRONMENT=test $(BIN)/python -m officium.config.openapi > schema/openapi.json

api-types: schema frontend/node_modules/.installed
	cd frontend && npm run --silent gen:api

# Server-side texts (permission labels, role names, error titles): extract, then translate
# backend/officium/locale/zh_Hans/LC_MESSAGES/django.po and run this again to compile it.
messages: install
	cd backend/officium && OFFICIUM_ENVIRONMENT=development ../../$(BIN)/officium manage makemessages -l zh_Hans \
		--ignore "devtools/*" --no-obsolete
	cd backend/officium && OFFICIUM_ENVIRONMENT=development ../../$(BIN)/officium manage compilemessages

# --- benchmarks ---------------------------------------------------------------------------------------------
bench: build wrk
	$(BIN)/python -m bench $(if $(NAME),$(NAME),--all) $(if $(QUICK),--quick,)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) $(TOOLS) frontend/node_modules frontend/dist
